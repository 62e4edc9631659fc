import { describeActor } from '@app/contracts';
import { canonicalJson, ReceivedEvent } from '@app/platform';
import { EntityManager } from 'typeorm';
import { AuditChainKey } from '../chain/audit-chain-key';
import { GENESIS_HASH, KEYED } from '../chain/entry-hash';
import { AuditEntry } from '../database/audit-entry.entity';
import { redactSecrets } from './redact-secrets';

/**
 * Appends one entry after the current head, inside the caller's transaction (the inbox's), so
 * reading the head and writing the next link cannot interleave with another append: SQLite
 * has one writer, on which the units of a group commit run one after the other; on PostgreSQL
 * the table is locked against other writers until the transaction ends (readers are not
 * blocked). The unique `seq` is the last resort. The entry is sealed with HMAC-SHA256 under the
 * chain key; the first one after unkeyed legacy entries links to the last legacy hash (ADR 0024).
 */
export async function appendToAuditLog(manager: EntityManager, key: AuditChainKey, event: ReceivedEvent): Promise<AuditEntry> {
  const entries = manager.getRepository(AuditEntry);
  if (manager.connection.options.type === 'postgres') {
    await manager.query(`LOCK TABLE ${entries.metadata.tablePath} IN EXCLUSIVE MODE`);
  }
  const [head] = await entries.find({ order: { seq: 'DESC' }, take: 1 });
  const content = {
    seq: (head?.seq ?? 0) + 1,
    eventId: event.eventId,
    action: event.pattern,
    module: event.source,
    actor: describeActor(event.actor),
    traceId: event.traceId,
    payload: canonicalJson(redactSecrets(event.payload)),
    occurredAt: event.occurredAt,
    recordedAt: new Date().toISOString(),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const entry = entries.create({ ...content, algorithm: KEYED, hash: key.sealEntry(content) });
  await entries.insert(entry);
  return entry;
}
