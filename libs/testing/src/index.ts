// Test support shared by every module's tests. Only test code may import @app/testing.
export * from './eventually';
export * from './failure-of';
export * from './module-test-app';
export * from './smtp-test-server';
export * from './postgres-cluster';
export * from './nats-test-server';
export * from './test-port';
export * from './statement-count';
export * from './deliver-event';
