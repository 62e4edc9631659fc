import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where to write to a user: a local read model filled from `auth.user.registered.v1`, because
 * billing's events carry only the user's id.
 */
@Entity('recipients')
export class Recipient {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 254 }) email!: string;
  @Column({ type: 'varchar', length: 30 }) registeredAt!: string;
}
