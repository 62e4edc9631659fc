import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of the simulated provider's ledger (`DATA_DIR/payment-ledger.jsonl`). */
export interface LedgerLine {
  kind: 'charge' | 'refund';
  key: string;
  chargeId: string;
  refundId?: string;
  amountMinor: number;
  currency: string;
  at: string;
}

/** Every money movement the simulated provider made for a system, oldest first. */
export function readLedger(dataDir: string): LedgerLine[] {
  const file = join(dataDir, 'payment-ledger.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LedgerLine);
}

/** Keys or charges that moved money more than once: must always be empty. */
export function movedTwice(ledger: LedgerLine[]): string[] {
  const seen = new Map<string, number>();
  for (const line of ledger) {
    for (const id of [`${line.kind} key ${line.key}`, ...(line.kind === 'refund' ? [`refund of ${line.chargeId}`] : [])])
      seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return [...seen].filter(([, count]) => count > 1).map(([id, count]) => `${id} ×${count}`);
}

/** Charged minus refunded, for the charges made under the given charge keys. */
export function netCharged(ledger: LedgerLine[], chargeKeys: string[]): number {
  const charges = ledger.filter((line) => line.kind === 'charge' && chargeKeys.includes(line.key));
  const chargeIds = new Set(charges.map((line) => line.chargeId));
  const refunded = ledger.filter((line) => line.kind === 'refund' && chargeIds.has(line.chargeId));
  return charges.reduce((sum, line) => sum + line.amountMinor, 0) - refunded.reduce((sum, line) => sum + line.amountMinor, 0);
}
