import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Billing's view of a person: keyed by the auth user ID, with no foreign key into auth. */
@Entity('customers')
export class Customer {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 30 }) createdAt!: string;
}
