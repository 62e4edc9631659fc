import { NotificationKind, NotificationStatus } from '@app/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { NotificationChannelName } from '../channels/notification-channel.port';

/** PostgreSQL returns a bigint as a string; epoch milliseconds fit a JavaScript number. */
const epochMs = { to: (value: number) => value, from: (value: string | number) => Number(value) };

/**
 * One message to one user, caused by one event. Written `pending` in the event's transaction,
 * then sent by the dispatcher: `sent`, or `failed` and retried, or `dead` after the last attempt;
 * or `cancelled` (never sent, reason in `lastError`) when the user's signup was undone first.
 */
@Entity('notifications')
@Index('notifications_event_unique', ['eventId'], { unique: true })
@Index('notifications_user', ['userId', 'createdAt'])
@Index('notifications_due', ['status', 'nextAttemptAt'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The event that caused it: one event, one notification. */
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: NotificationKind;
  /** The channel that carried it (or will). */
  @Column({ type: 'varchar', length: 10 }) channel!: NotificationChannelName;
  /** The email address, copied from the recipients read model when the row was written. */
  @Column({ type: 'varchar', length: 254 }) recipient!: string;
  @Column({ type: 'varchar', length: 200 }) subject!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'varchar', length: 10 }) status!: NotificationStatus;
  /** Delivery attempts made so far, the successful one included. */
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  /** Epoch ms: not sent before this time. */
  @Column({ type: 'bigint', transformer: epochMs }) nextAttemptAt!: number;
  @Column({ type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) sentAt!: string | null;
}
