import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Where a saga instance is: still working forward, undoing, or finished one of three ways. */
export const SAGA_STATES = ['running', 'compensating', 'completed', 'compensated', 'failed'] as const;
export type SagaState = (typeof SAGA_STATES)[number];

/** Nothing more will happen to an instance in one of these states. */
export const FINAL_SAGA_STATES: readonly SagaState[] = ['completed', 'compensated', 'failed'];

/**
 * One saga instance in the gateway's saga log (ADR 0018), written before and after every step.
 * `data` is the JSON the steps need to resume or compensate (never a password). A process works
 * on an instance only while it holds the lease (`leaseOwner` until `leaseUntil`); an unfinished
 * instance whose lease has run out is picked up by the recovery loop of any gateway. Times are
 * ISO-8601 strings, as everywhere else.
 */
@Entity('saga_instances')
@Index('saga_instances_active_key', ['type', 'key'], { unique: true, where: '"finishedAt" IS NULL' })
@Index('saga_instances_state', ['state', 'updatedAt'])
export class SagaInstance {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** Which saga: `signup`. */
  @Column({ type: 'varchar', length: 40 }) type!: string;
  /** What makes two instances the same business operation: the signup's email. */
  @Column({ type: 'varchar', length: 254 }) key!: string;
  @Column({ type: 'varchar', length: 20 }) state!: SagaState;
  /** The step being worked on (or last reached): `register`, `subscribe`, `cancel_registration`, `done`. */
  @Column({ type: 'varchar', length: 40 }) step!: string;
  /** How many times a process took the instance up (1 for a signup that ran without a crash). */
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'text' }) data!: string;
  @Column({ type: 'varchar', length: 80, nullable: true }) leaseOwner!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) leaseUntil!: string | null;
  @Column({ type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ type: 'varchar', length: 30 }) updatedAt!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) finishedAt!: string | null;
}
