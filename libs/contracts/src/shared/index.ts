export * from './actor';
export * from './client-for';
export * from './contract';
export * from './contract-bus';
export * from './define-contract';
export * from './module-error';
export * from './module-names';
