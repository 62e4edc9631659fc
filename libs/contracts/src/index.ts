export * from './audit';
export * from './auth';
export * from './billing';
export * from './catalog';
export * from './notification';
export * from './platform';
export * from './shared';
export * from './subscriptions';
