import { command, query } from '../shared';
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
  deliverEvents: command('platform.events.deliver.v1', EventBatch).returns<EventBatchReceipt>(),
  ping: query('platform.health.ping.v1', PingRequest).returns<PingReply>(),
  /** The gateway, for `GET /metrics`: what this process counts (calls, refusals, outbox, memory). */
  readMetrics: query('platform.metrics.read.v1', ReadMetricsRequest).returns<ProcessMetrics>(),
  /** Admins, through the gateway, for `GET /traces/:traceId`: the spans of one trace this process kept (ADR 0027). */
  readTrace: query('platform.traces.read.v1', ReadTraceRequest).returns<ProcessTrace>(),
  /** Admins, through the gateway: a module's dead-lettered outbox rows (ADR 0016). */
  listDeadLetters: query('platform.dead-letters.list.v1', ListEventDeadLettersRequest).returns<EventDeadLetterList>(),
  /** Admins, through the gateway: make one dead-lettered row due again. Stamped in the module's audit trail. */
  resubmitDeadLetter: command('platform.dead-letters.resubmit.v1', ResubmitEventDeadLetterRequest).returns<ResubmittedEventDeadLetter>(),
} as const;
