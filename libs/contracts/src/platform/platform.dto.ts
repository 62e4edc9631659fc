import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Actor, MODULE_NAMES, ModuleErrorBody, PATTERN_FORMAT } from '../shared';

/** Events per `platform.events.deliver.v1` message at most. */
export const MAX_EVENTS_PER_DELIVERY = 200;

/** One event in a delivery, with the trace and actor of the work that published it. */
export class EventDelivery {
  @IsUUID() eventId!: string;
  @Matches(PATTERN_FORMAT, { message: 'pattern must be a versioned pattern like billing.invoice.paid.v1' })
  @MaxLength(120)
  pattern!: string;
  @IsIn(MODULE_NAMES) source!: string;
  @IsObject() payload!: Record<string, unknown>;
  @IsISO8601() occurredAt!: string;
  /** W3C traceparent of the publishing work. */
  @IsString() @MaxLength(60) traceparent!: string;
  /** On whose behalf it was published; the receiver checks its shape as it does the envelope's. */
  @IsObject() actor!: Actor;
}

/** What the outbox relay hands to a subscriber's process: its due events from one outbox, oldest first. */
export class EventBatch {
  @IsIn(MODULE_NAMES) subscriber!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVENTS_PER_DELIVERY)
  @ValidateNested({ each: true })
  @Type(() => EventDelivery)
  events!: EventDelivery[];
}

export const EVENT_OUTCOMES = ['applied', 'duplicate', 'failed'] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

/** What became of one event: applied now, applied before (duplicate), or failed (and why). */
export class EventReceipt {
  eventId!: string;
  outcome!: EventOutcome;
  error?: ModuleErrorBody;
}

/**
 * Receipts in the order of the batch. The receiver stops at the first failure: the events after
 * it have no receipt and were not applied.
 */
export class EventBatchReceipt {
  receipts!: EventReceipt[];
}

export class PingRequest {}

export class PingReply {
  process!: string;
  modules!: string[];
}
