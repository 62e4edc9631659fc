export const ModuleKernel = {};
export { PlatformModule } from './module/platform.module';
