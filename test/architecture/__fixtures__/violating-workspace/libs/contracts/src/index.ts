import { ModuleKernel } from '@app/platform';

export { ModuleKernel };
