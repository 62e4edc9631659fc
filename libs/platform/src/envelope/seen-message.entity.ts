import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A command that came over a wire, remembered until its deadline so it runs once (ADR 0023). */
@Entity('seen_messages')
export class SeenMessage {
  @PrimaryColumn({ type: 'varchar', length: 64 }) messageId!: string;
  /** Epoch milliseconds: the message's deadline, never later than `MAX_DEADLINE_MS` after it was seen. */
  @Index('seen_messages_expiry') @Column({ type: 'bigint' }) expiresAt!: number;
}
