/** DI token of the validated PlatformConfig (an interface, so it needs a token). */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
