import { canonicalJson } from '@app/platform';
import { createHash } from 'node:crypto';

/** What the hash of an entry covers: everything but the hash itself (and its algorithm). */
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

/**
 * How an entry's `hash` was computed (ADR 0024): `hmac-sha256` with the audit chain key, or
 * `sha256` without a key, which only entries written before the key existed carry.
 */
export const KEYED = 'hmac-sha256';
export const LEGACY = 'sha256';
export type ChainAlgorithm = typeof KEYED | typeof LEGACY;

/** An entry as stored: its content, its hash and how that hash was computed. */
export type StoredEntry = ChainedContent & { algorithm: string; hash: string };

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The bytes a hash or MAC is computed over: canonical JSON of the content, payload parsed back to an object. */
export function canonicalContent(entry: ChainedContent): string {
  return canonicalJson({
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
  });
}

/** The legacy, unkeyed hash: SHA-256 (hex) of the canonical content. Anyone can recompute it. */
export function hashEntry(entry: ChainedContent): string {
  return createHash('sha256').update(canonicalContent(entry)).digest('hex');
}
