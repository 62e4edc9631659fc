import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ChainAlgorithm, LEGACY } from '../chain/entry-hash';

/** One link of the append-only, hash-chained audit log. The database refuses UPDATE and DELETE. */
@Entity('audit_entries')
export class AuditEntry {
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'varchar', length: 120 }) action!: string;
  @Column({ type: 'varchar', length: 40 }) module!: string;
  @Column({ type: 'varchar', length: 80 }) actor!: string;
  @Column({ type: 'varchar', length: 32 }) traceId!: string;
  /** Canonical JSON of the event payload, secrets removed. */
  @Column({ type: 'text' }) payload!: string;
  @Column({ type: 'varchar', length: 30 }) occurredAt!: string;
  @Column({ type: 'varchar', length: 30 }) recordedAt!: string;
  @Column({ type: 'varchar', length: 64 }) prevHash!: string;
  /** How `hash` was computed: `hmac-sha256` with the chain key; `sha256` for entries older than the key (ADR 0024). */
  @Column({ type: 'varchar', length: 16, default: LEGACY }) algorithm!: ChainAlgorithm;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
}
