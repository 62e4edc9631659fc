import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

const epochMs = { to: (value: number) => value, from: (value: string | number) => Number(value) };

/** One event waiting to reach one subscriber. Written in the publisher's own transaction. */
@Entity('outbox_messages')
@Index('outbox_due', ['deliveredAt', 'nextAttemptAt'])
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
}
