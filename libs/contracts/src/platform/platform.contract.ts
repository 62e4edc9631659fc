import { defineCommand, defineQuery } from '../shared';
import { DeliveryReceipt, EventDelivery, PingReply, PingRequest } from './platform.dto';

/**
 * Calls the kernel answers in every process that hosts modules. They are addressed to a process
 * (the subscriber's, the pinged one), not routed by owner like module calls.
 */
export const PlatformContract = {
  deliverEvent: defineCommand<EventDelivery, DeliveryReceipt>('platform.event.deliver.v1', EventDelivery),
  ping: defineQuery<PingRequest, PingReply>('platform.health.ping.v1', PingRequest),
} as const;
