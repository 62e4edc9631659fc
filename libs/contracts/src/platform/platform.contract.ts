import { defineCommand, defineQuery } from '../shared';
import {
  EventDeadLetterList,
  ListEventDeadLettersRequest,
  ResubmitEventDeadLetterRequest,
  ResubmittedEventDeadLetter,
} from './dead-letters.dto';
import { ProcessMetrics, ReadMetricsRequest } from './metrics.dto';
import { EventBatch, EventBatchReceipt, PingReply, PingRequest } from './platform.dto';
import { ProcessTrace, ReadTraceRequest } from './traces.dto';

/**
 * Calls the kernel answers in every process that hosts modules. They are addressed to a process
 * (the subscriber's, the pinged one), not routed by owner like module calls.
 */
export const PlatformContract = {
  deliverEvents: defineCommand<EventBatch, EventBatchReceipt>('platform.events.deliver.v1', EventBatch),
  ping: defineQuery<PingRequest, PingReply>('platform.health.ping.v1', PingRequest),
  /** The gateway, for `GET /metrics`: what this process counts (calls, refusals, outbox, memory). */
  readMetrics: defineQuery<ReadMetricsRequest, ProcessMetrics>('platform.metrics.read.v1', ReadMetricsRequest),
  /** Admins, through the gateway, for `GET /traces/:traceId`: the spans of one trace this process kept (ADR 0027). */
  readTrace: defineQuery<ReadTraceRequest, ProcessTrace>('platform.traces.read.v1', ReadTraceRequest),
  /** Admins, through the gateway: a module's dead-lettered outbox rows (ADR 0016). */
  listDeadLetters: defineQuery<ListEventDeadLettersRequest, EventDeadLetterList>(
    'platform.dead-letters.list.v1',
    ListEventDeadLettersRequest,
  ),
  /** Admins, through the gateway: make one dead-lettered row due again. Stamped in the module's audit trail. */
  resubmitDeadLetter: defineCommand<ResubmitEventDeadLetterRequest, ResubmittedEventDeadLetter>(
    'platform.dead-letters.resubmit.v1',
    ResubmitEventDeadLetterRequest,
  ),
} as const;
