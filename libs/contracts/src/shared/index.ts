export * from './actor';
export * from './contract';
export * from './contract-bus';
export * from './module-error';
export * from './module-names';
