import { AuditChainProblem } from '@app/contracts';
import { AuditChainKey } from './audit-chain-key';
import { GENESIS_HASH, hashEntry, KEYED, LEGACY, StoredEntry } from './entry-hash';

/** A point of the chain: an entry's seq and its stored hash. */
export interface ChainLink {
  seq: number;
  hash: string;
}

/** Where a walk of the whole log starts: before entry 1. */
export const GENESIS_LINK: ChainLink = { seq: 0, hash: GENESIS_HASH };

export interface ChainWalkOptions {
  /** The latest authentic checkpoint: the log must still reach its seq with its head there. */
  checkpoint?: ChainLink & { at: string };
  /** Walk on from this link (an earlier checkpoint) instead of from the genesis. */
  from?: ChainLink;
}

/** A run of consecutive entries whose seal fails, each linked to the one before it. */
interface BrokenRun {
  from: number;
  to: number;
}

/**
 * Walks the log oldest first, page by page, keeping only the last link and the current run of
 * broken entries in memory, and tells the kinds of tampering apart as far as the evidence allows
 * (ADR 0024):
 *
 * - `deleted`: a seq is missing before an entry;
 * - `edited`: entries whose seal fails but that are followed by a sound entry;
 * - the broken run that ends the log is `rewritten` where a checkpoint covers it and `forged`
 *   past the checkpoint (no checkpoint can tell an appended entry from a rewritten one);
 * - `truncated`: the log ends before the checkpoint's seq.
 */
export class ChainWalker {
  readonly problems: AuditChainProblem[] = [];
  entries = 0;
  legacyEntries = 0;
  private previous: ChainLink;
  private keyedSeen = false;
  private run?: BrokenRun;
  private hashAtCheckpoint?: string;
  /** Unkeyed entries only come before the first checkpoint: every checkpointing version seals with the key. */
  private readonly unkeyedUpTo: number;

  constructor(
    private readonly key: AuditChainKey,
    private readonly options: ChainWalkOptions = {},
  ) {
    this.previous = options.from ?? GENESIS_LINK;
    this.unkeyedUpTo = options.from?.seq ?? options.checkpoint?.seq ?? Infinity;
  }

  /** The stored hash of the newest entry walked ('' if none). */
  get head(): string {
    return this.entries === 0 ? '' : this.previous.hash;
  }

  /** The seq of the newest entry walked (or of the starting link). */
  get lastSeq(): number {
    return this.previous.seq;
  }

  accept(page: StoredEntry[]): void {
    for (const entry of page) this.step(entry);
  }

  /** Ends the walk: classifies the broken run at the end, then compares with the checkpoint. */
  finish(): AuditChainProblem[] {
    const rewrittenUpTo = this.run ? this.closeTailRun(this.run) : 0;
    this.run = undefined;
    const checkpoint = this.options.checkpoint;
    if (!checkpoint) return this.problems;
    if (this.lastSeq < checkpoint.seq) {
      this.problems.push({
        kind: 'truncated',
        seq: this.lastSeq + 1,
        detail: `the log ends at entry ${this.lastSeq}, the checkpoint of ${checkpoint.at} covers entries up to ${checkpoint.seq}`,
      });
    } else if (this.hashAtCheckpoint !== checkpoint.hash && rewrittenUpTo < checkpoint.seq) {
      this.problems.push({
        kind: 'rewritten',
        seq: checkpoint.seq,
        detail: `entry ${checkpoint.seq} has hash ${this.hashAtCheckpoint}, the checkpoint of ${checkpoint.at} pins ${checkpoint.hash}`,
      });
    }
    return this.problems;
  }

  private step(entry: StoredEntry): void {
    const expected = this.previous.seq + 1;
    const gap = entry.seq !== expected;
    if (gap) {
      this.closeRun();
      const missing = entry.seq - expected === 1 ? `entry ${expected} is missing` : `entries ${expected}–${entry.seq - 1} are missing`;
      this.problems.push({ kind: 'deleted', seq: expected, detail: missing });
    }
    const linked = entry.prevHash === this.previous.hash;
    if (this.sealHolds(entry)) {
      if (this.run) this.closeRun();
      else if (!linked && !gap) this.reportUnlinked(entry);
    } else if (this.run && linked && !gap) {
      this.run.to = entry.seq;
    } else {
      this.closeRun();
      this.run = { from: entry.seq, to: entry.seq };
    }
    if (entry.seq === this.options.checkpoint?.seq) this.hashAtCheckpoint = entry.hash;
    this.previous = { seq: entry.seq, hash: entry.hash };
    this.entries += 1;
  }

  /** The MAC under the chain key, or the legacy hash where an unkeyed entry may still stand. */
  private sealHolds(entry: StoredEntry): boolean {
    try {
      if (entry.algorithm === KEYED) {
        const holds = AuditChainKey.sameMac(this.key.sealEntry(entry), entry.hash);
        this.keyedSeen ||= holds;
        return holds;
      }
      if (entry.algorithm !== LEGACY || this.keyedSeen || entry.seq > this.unkeyedUpTo) return false;
      this.legacyEntries += 1;
      return hashEntry(entry) === entry.hash;
    } catch {
      return false; // a payload that is no longer JSON
    }
  }

  /** A sound entry that does not link to the one before: that one was replaced by a re-hashed copy. */
  private reportUnlinked(entry: StoredEntry): void {
    this.problems.push({
      kind: 'edited',
      seq: Math.max(this.previous.seq, 1),
      detail: `entry ${entry.seq} does not link to entry ${this.previous.seq}: it (or an unkeyed entry before it) was replaced and re-hashed`,
    });
  }

  /** A broken run followed by more of the log: those entries were changed in place. */
  private closeRun(): void {
    const run = this.run;
    this.run = undefined;
    if (!run) return;
    this.problems.push({ kind: 'edited', seq: run.from, detail: `${mismatch(run.from, run.to)}: changed in place after being written` });
  }

  /** Returns the last seq reported as rewritten (0 if none). */
  private closeTailRun(run: BrokenRun): number {
    const checkpoint = this.options.checkpoint;
    const coveredTo = checkpoint ? Math.min(run.to, checkpoint.seq) : run.from - 1;
    let rewrittenUpTo = 0;
    if (checkpoint && coveredTo >= run.from) {
      // Hashes left as they were (the checkpoint's head still matches) mean edits in place.
      const inPlace = this.hashAtCheckpoint === checkpoint.hash;
      this.problems.push({
        kind: inPlace ? 'edited' : 'rewritten',
        seq: run.from,
        detail: inPlace
          ? `${mismatch(run.from, coveredTo)}: changed in place after being written`
          : `${mismatch(run.from, coveredTo)} and the checkpoint of ${checkpoint.at} pins another head at entry ${checkpoint.seq}: the tail was rewritten without the chain key`,
      });
      rewrittenUpTo = inPlace ? 0 : checkpoint.seq;
    }
    if (run.to > coveredTo) {
      const from = Math.max(run.from, coveredTo + 1);
      this.problems.push({
        kind: 'forged',
        seq: from,
        detail: `${mismatch(from, run.to)}, past the last checkpoint: added (or rewritten) without the chain key`,
      });
    }
    return rewrittenUpTo;
  }
}

function mismatch(from: number, to: number): string {
  return from === to ? `entry ${from} does not match its MAC` : `entries ${from}–${to} do not match their MACs`;
}
