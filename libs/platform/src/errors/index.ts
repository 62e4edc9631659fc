export * from './module-call.error';
export * from './refusal.error';
export * from './to-module-error';
export * from './past-deadline';
