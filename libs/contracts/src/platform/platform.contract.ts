import { defineCommand, defineQuery } from '../shared';
import { EventBatch, EventBatchReceipt, PingReply, PingRequest } from './platform.dto';

/**
 * Calls the kernel answers in every process that hosts modules. They are addressed to a process
 * (the subscriber's, the pinged one), not routed by owner like module calls.
 */
export const PlatformContract = {
  deliverEvents: defineCommand<EventBatch, EventBatchReceipt>('platform.events.deliver.v1', EventBatch),
  ping: defineQuery<PingRequest, PingReply>('platform.health.ping.v1', PingRequest),
} as const;
