import { IsIn, IsISO8601, IsObject, IsUUID, Matches, MaxLength } from 'class-validator';
import { MODULE_NAMES, PATTERN_FORMAT } from '../shared';

/** What the outbox relay hands to a subscriber's process. */
export class EventDelivery {
  @IsUUID() eventId!: string;
  @Matches(PATTERN_FORMAT, { message: 'pattern must be a versioned pattern like billing.invoice.paid.v1' })
  @MaxLength(120)
  pattern!: string;
  @IsIn(MODULE_NAMES) subscriber!: string;
  @IsIn(MODULE_NAMES) source!: string;
  @IsObject() payload!: Record<string, unknown>;
  @IsISO8601() occurredAt!: string;
}

export class DeliveryReceipt {
  eventId!: string;
  duplicate!: boolean;
}

export class PingRequest {}

export class PingReply {
  process!: string;
  modules!: string[];
}
