export const startModuleTestApp = () => undefined;
