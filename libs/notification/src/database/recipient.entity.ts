import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where to write to a user: a local read model filled from `auth.user.registered.v1`, because
 * billing's events carry only the user's id. `auth.registration.cancelled.v1` does not delete the
 * row: it sets `cancelledAt`, a tombstone that keeps later events of that user from queueing mail
 * (ADR 0019); only a refund notice still uses the address.
 */
@Entity('recipients')
export class Recipient {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 254 }) email!: string;
  @Column({ type: 'varchar', length: 30 }) registeredAt!: string;
  /** When the signup was undone; null while the account stands. */
  @Column({ type: 'varchar', length: 30, nullable: true }) cancelledAt!: string | null;
}
