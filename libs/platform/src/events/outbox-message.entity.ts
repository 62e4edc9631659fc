import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

const epochMs = { to: (value: number) => value, from: (value: string | number) => Number(value) };
const optionalEpochMs = {
  to: (value: number | null) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * One event waiting to reach one subscriber. Written in the publisher's own transaction.
 * Pending: `deliveredAt` and `deadLetteredAt` both null.
 */
@Entity('outbox_messages')
@Index('outbox_due', ['deliveredAt', 'nextAttemptAt'])
@Index('outbox_key', ['subscriber', 'orderingKey', 'seq'])
export class OutboxMessage {
  @PrimaryGeneratedColumn() seq!: number;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'varchar', length: 120 }) pattern!: string;
  @Column({ type: 'varchar', length: 40 }) source!: string;
  @Column({ type: 'varchar', length: 40 }) subscriber!: string;
  @Column({ type: 'text' }) payload!: string;
  @Column({ type: 'varchar', length: 60 }) traceparent!: string;
  @Column({ type: 'text' }) actor!: string;
  @Column({ type: 'varchar', length: 30 }) occurredAt!: string;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'bigint', transformer: epochMs }) nextAttemptAt!: number;
  @Column({ type: 'varchar', length: 30, nullable: true }) deliveredAt!: string | null;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  /** Rows of one subscriber with the same key are delivered in `seq` order (ADR 0016); null: no order. */
  @Column({ type: 'varchar', length: 120, nullable: true }) orderingKey!: string | null;
  /** How many times the subscriber answered `failed` (transport failures are not counted). */
  @Column({ type: 'integer', default: 0 }) refusals!: number;
  /** Set when the relay gave up after `OUTBOX_MAX_ATTEMPTS` refusals; cleared by a resubmit. */
  @Column({ type: 'varchar', length: 30, nullable: true }) deadLetteredAt!: string | null;
  @Column({ type: 'text', nullable: true }) deadLetterReason!: string | null;
  /** PostgreSQL: a relay is delivering this row until then (epoch ms); others leave it, and its later same-key rows, alone (ADR 0028). */
  @Column({ type: 'bigint', nullable: true, transformer: optionalEpochMs }) claimedUntil!: number | null;
}
