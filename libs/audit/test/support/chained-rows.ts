import { randomUUID } from 'node:crypto';
import { ChainedContent, GENESIS_HASH, hashEntry, LEGACY, StoredEntry } from '../../src/chain/entry-hash';

/** `count` legacy rows, chained with unkeyed SHA-256 as the recorder did before the chain key (ADR 0024). */
export function legacyRows(count: number): StoredEntry[] {
  const rows: StoredEntry[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const content: ChainedContent = {
      seq,
      eventId: randomUUID(),
      action: 'billing.invoice.paid.v1',
      module: 'billing',
      actor: 'system',
      traceId: 'b'.repeat(32),
      payload: JSON.stringify({ amountMinor: seq }),
      occurredAt: new Date().toISOString(),
      recordedAt: new Date().toISOString(),
      prevHash: rows.at(-1)?.hash ?? GENESIS_HASH,
    };
    rows.push(rehashedWithoutKey(content));
  }
  return rows;
}

/** A multi-row INSERT of `rows` (INSERT is what the triggers allow). */
export function insertStatement(rows: StoredEntry[]): string {
  const quote = (value: string | number) => (typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`);
  const columns = Object.keys(rows[0]) as (keyof StoredEntry)[];
  const values = rows.map((row) => `(${columns.map((column) => quote(row[column])).join(', ')})`);
  return `INSERT INTO audit_entries (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')}`;
}

/** What a tamperer without the chain key can compute: the unkeyed hash, the entry passed off as legacy. */
export function rehashedWithoutKey(content: ChainedContent): StoredEntry {
  const { seq, eventId, action, module, actor, traceId, payload, occurredAt, recordedAt, prevHash } = content;
  const row = { seq, eventId, action, module, actor, traceId, payload, occurredAt, recordedAt, prevHash };
  return { ...row, algorithm: LEGACY, hash: hashEntry(row) };
}
