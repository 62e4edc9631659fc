export * from './module-call.error';
export * from './refusal.error';
export * from './rpc-error.filter';
export * from './to-module-error';
