import { canonicalJson } from '@app/platform';
import { createHash } from 'node:crypto';

/** What the hash of an entry covers: everything but the hash itself. */
export interface ChainedContent {
  seq: number;
  eventId: string;
  action: string;
  module: string;
  actor: string;
  traceId: string;
  payload: string;
  occurredAt: string;
  recordedAt: string;
  prevHash: string;
}

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 (hex) of the canonical JSON of an entry's content, payload parsed back to an object. */
export function hashEntry(entry: ChainedContent): string {
  const content = {
    seq: entry.seq,
    eventId: entry.eventId,
    action: entry.action,
    module: entry.module,
    actor: entry.actor,
    traceId: entry.traceId,
    payload: JSON.parse(entry.payload) as unknown,
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    prevHash: entry.prevHash,
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
