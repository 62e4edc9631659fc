import { IsIn, IsISO8601, IsObject, IsString, IsUUID, MaxLength } from 'class-validator';
import { MODULE_NAMES } from '../shared';

/** What the outbox relay hands to a subscriber's process. */
export class EventDelivery {
  @IsUUID() eventId!: string;
  @IsString() @MaxLength(120) pattern!: string;
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
