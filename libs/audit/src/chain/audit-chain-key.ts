import { canonicalJson } from '@app/platform';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { canonicalContent, ChainedContent } from './entry-hash';

/** HKDF `info` of the checkpoint key: a key of its own, derived from the chain key (ADR 0024). */
const CHECKPOINT_KEY_INFO = 'archipelago audit checkpoint v1';

/** What a checkpoint's MAC covers. */
export interface CheckpointContent {
  seq: number;
  head: string;
  at: string;
}

/**
 * The audit chain key, held outside the audit database. Entries are sealed with
 * HMAC-SHA256 under the key itself; checkpoints under a second key derived from it with HKDF, so
 * a checkpoint MAC can never be passed off as an entry MAC or the other way round.
 */
export class AuditChainKey {
  private readonly checkpointKey: Buffer;

  constructor(private readonly entryKey: Buffer) {
    if (entryKey.length < 32) throw new Error('the audit chain key must be at least 32 bytes');
    this.checkpointKey = Buffer.from(hkdfSync('sha256', entryKey, Buffer.alloc(0), CHECKPOINT_KEY_INFO, 32));
  }

  /** HMAC-SHA256 (hex) of the entry's canonical content. Throws if the payload is not JSON. */
  sealEntry(entry: ChainedContent): string {
    return createHmac('sha256', this.entryKey).update(canonicalContent(entry)).digest('hex');
  }

  signCheckpoint(content: CheckpointContent): string {
    const { seq, head, at } = content;
    return createHmac('sha256', this.checkpointKey).update(canonicalJson({ seq, head, at })).digest('hex');
  }

  /** Compares in constant time, so the check leaks nothing about the expected MAC. */
  static sameMac(expected: string, actual: string): boolean {
    const a = Buffer.from(expected, 'utf8');
    const b = Buffer.from(actual, 'utf8');
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
