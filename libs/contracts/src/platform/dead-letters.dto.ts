import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Min } from 'class-validator';
import { MODULE_NAMES } from '../shared';

/** `platform.dead-letters.list.v1`: the dead-lettered outbox rows of one module (ADR 0016). */
export class ListEventDeadLettersRequest {
  @ApiProperty({ enum: MODULE_NAMES, description: 'the module whose outbox is read (the publisher)' })
  @IsIn(MODULE_NAMES)
  module!: string;
}

/** `platform.dead-letters.resubmit.v1`: one dead-lettered row of one module's outbox, by its `seq`. */
export class ResubmitEventDeadLetterRequest {
  @ApiProperty({ enum: MODULE_NAMES }) @IsIn(MODULE_NAMES) module!: string;
  @ApiProperty({ minimum: 1, description: 'the row in that module’s outbox' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  seq!: number;
}

/** An event the relay gave up delivering to one subscriber after the attempt limit. */
export class EventDeadLetterView {
  @ApiProperty({ enum: MODULE_NAMES, description: 'whose outbox holds it (the publisher)' }) module!: string;
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'billing.invoice.paid.v1' }) pattern!: string;
  @ApiProperty({ enum: MODULE_NAMES }) subscriber!: string;
  @ApiPropertyOptional({ nullable: true, description: 'the aggregate its order is kept in (ADR 0016)' }) orderingKey!: string | null;
  @ApiProperty({ type: Object }) payload!: Record<string, unknown>;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ description: 'delivery attempts, transport failures included' }) attempts!: number;
  @ApiProperty({ description: 'times the subscriber refused it (the limit is OUTBOX_MAX_ATTEMPTS)' }) refusals!: number;
  @ApiProperty() deadLetteredAt!: string;
  @ApiProperty({ description: 'why it was dead-lettered: the last refusal, with its code' }) reason!: string;
}

export class EventDeadLetterList {
  @ApiProperty({ type: [EventDeadLetterView] }) deadLetters!: EventDeadLetterView[];
}

/** A resubmitted row is due again with a fresh attempt budget. */
export class ResubmittedEventDeadLetter {
  @ApiProperty({ enum: MODULE_NAMES }) module!: string;
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() subscriber!: string;
  @ApiProperty() resubmittedAt!: string;
}
