export * from './audit';
export * from './auth';
export * from './catalog';
export * from './platform';
export * from './shared';
export * from './subscriptions';
