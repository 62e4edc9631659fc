export const ModuleKernel = {};
