import { PlatformModule } from '../module/platform.module';

export const composer = PlatformModule;
