import { randomUUID } from 'node:crypto';
import { ChainedContent, GENESIS_HASH, hashEntry } from '../../src/chain/entry-hash';

export type ChainedRow = ChainedContent & { hash: string };

/** `count` correctly chained rows, as the recorder would have written them. */
export function chainedRows(count: number): ChainedRow[] {
  const rows: ChainedRow[] = [];
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
    rows.push({ ...content, hash: hashEntry(content) });
  }
  return rows;
}

/** A multi-row INSERT of `rows` (INSERT is what the triggers allow). */
export function insertStatement(rows: ChainedRow[]): string {
  const quote = (value: string | number) => (typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`);
  const columns = Object.keys(rows[0]) as (keyof ChainedRow)[];
  const values = rows.map((row) => `(${columns.map((column) => quote(row[column])).join(', ')})`);
  return `INSERT INTO audit_entries (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')}`;
}

/** The same row with `change` applied and its own hash recomputed: a tamperer who knows the scheme. */
export function rehashed(row: ChainedRow, change: Partial<ChainedContent>): ChainedRow {
  const content = { ...row, ...change };
  return { ...content, hash: hashEntry(content) };
}
