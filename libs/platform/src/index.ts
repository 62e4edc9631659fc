// Configuration and topology
export * from './config/configuration.error';
export * from './config/load-topology';
export * from './config/platform-config';
export * from './config/replica-databases';
export * from './config/topology';
export { PLATFORM_CONFIG } from './config/config.tokens';
// Context and envelope
export * from './context/message-context';
export * from './context/trace-context';
export * from './envelope/canonical-json';
export * from './envelope/envelope';
export * from './envelope/envelope-signer';
export { jsonTextNestsDeeperThan, MAX_MESSAGE_DEPTH } from './envelope/message-depth';
// Module identity: key pairs, and the pairwise keys derived from them (ADR 0022)
export * from './identity/envelope-keys';
export * from './identity/generate-key-set';
export * from './identity/key-files';
export * from './identity/load-key-set';
export * from './identity/module-key';
// Errors
export * from './errors';
// Messaging: the sender, and the pipeline every handler is compiled into
export * from './messaging/message-sender';
export * from './messaging/contract-validation.pipe';
export * from './messaging/handler-policy';
export * from './messaging/handles.decorator';
export * from './messaging/message-params.decorators';
export * from './messaging/handler-table';
// Events
export { OutboxRelay } from './events/outbox-relay';
export * from './events/backoff';
export * from './events/event-publisher';
export * from './events/hosted-publishers';
export * from './events/handles-event.decorator';
// Data
export * from './database/module-database';
export * from './database/hosted-databases';
// Transports
export * from './transport/tcp/tcp-options';
export { queueGroupOf, subjectOf } from './transport/nats/nats-subjects';
// Modules
export * from './module/contract-coverage';
export * from './module/module-kernel';
export * from './module/platform.module';
// Lifecycle
export * from './lifecycle/drain';
export { Metrics } from './metrics/metrics';
// The live service registry (ADR 0029)
export { ServiceRegistry } from './registry/service-registry';
export type { LiveInstance, SeenBy } from './registry/live-instance';
export type { InstanceHealth } from './registry/announcement';
// Tracing (ADR 0027)
export { Tracing } from './tracing/tracing';
export { KernelSpan, OUTCOME } from './tracing/kernel-span';
export * from './tracing/tracing-settings';
// Logging
export * from './logging/trace-logger';
export * from './logging/log-record';
export * from './logging/log-settings';
export { isLogged } from './logging/written-levels';
