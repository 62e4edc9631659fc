import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first result of a request made with an Idempotency-Key, kept for 24 hours. */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId!: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) operation!: string;
  @PrimaryColumn({ type: 'varchar', length: 255 }) key!: string;
  @Column({ type: 'varchar', length: 64 }) requestHash!: string;
  @Column({ type: 'varchar', length: 10 }) state!: 'in_flight' | 'done';
  @Column({ type: 'integer', nullable: true }) responseStatus!: number | null;
  @Column({ type: 'text', nullable: true }) responseBody!: string | null;
  @Column({ type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ type: 'varchar', length: 30 }) expiresAt!: string;
}
