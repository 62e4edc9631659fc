import { startModuleTestApp } from '@app/testing';

export { startModuleTestApp };
