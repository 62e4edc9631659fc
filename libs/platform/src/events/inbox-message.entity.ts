import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event this module has already handled. Its key makes a redelivery a no-op. */
@Entity('inbox_messages')
export class InboxMessage {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'varchar', length: 120 }) pattern!: string;
  @Column({ type: 'varchar', length: 40 }) source!: string;
  @Column({ type: 'varchar', length: 30 }) receivedAt!: string;
}
