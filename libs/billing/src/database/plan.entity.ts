import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A price list entry, seeded by a migration. Money is integer minor units + ISO currency. */
@Entity('plans')
export class Plan {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'varchar', length: 80 }) name!: string;
  @Column({ type: 'integer' }) amountMinor!: number;
  @Column({ type: 'varchar', length: 3 }) currency!: string;
  @Column({ type: 'varchar', length: 5 }) interval!: 'month' | 'year';
}
