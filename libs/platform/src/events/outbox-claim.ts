import { EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';

/**
 * How relays over one PostgreSQL schema (replicas of a process, ADR 0028) keep a row in flight
 * from one relay at a time. Claiming is serialized per schema by a transaction-level advisory
 * lock: a relay reading due rows sees every claim committed before it, so it never picks a row,
 * or a later row of the same ordering key (ADR 0016), that another relay is delivering. The lock
 * is held only for the read and one UPDATE; delivery happens after the commit, under the claim.
 */
export async function lockOutboxForClaims(manager: EntityManager): Promise<void> {
  const { schema, tableName } = manager.connection.getMetadata(OutboxMessage);
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema ?? 'public'}.${tableName}`]);
}

/** Claims the rows until `claimedUntil` (epoch ms); once it passes, a crashed relay's rows are due again. */
export async function claimRows(manager: EntityManager, seqs: number[], claimedUntil: number): Promise<void> {
  if (seqs.length === 0) return;
  await manager.createQueryBuilder().update(OutboxMessage).set({ claimedUntil }).whereInIds(seqs).execute();
}
