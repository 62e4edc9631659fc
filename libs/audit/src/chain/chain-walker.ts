import { BrokenAuditEntry } from '@app/contracts';
import { ChainedContent, GENESIS_HASH, hashEntry } from './entry-hash';

type StoredEntry = ChainedContent & { hash: string };

/**
 * Walks the chain page by page, remembering only the last link, so verifying a long log needs
 * no more memory than one page. The first broken entry stops the walk.
 */
export class ChainWalker {
  private previousHash = GENESIS_HASH;
  private previousSeq = 0;
  walked = 0;
  broken?: BrokenAuditEntry;

  get head(): string {
    return this.walked === 0 ? '' : this.previousHash;
  }

  /** Returns false once a broken entry has been found. */
  accept(page: StoredEntry[]): boolean {
    for (const entry of page) {
      const reason = this.problemWith(entry);
      if (reason) {
        this.broken = { seq: entry.seq, reason };
        return false;
      }
      this.walked += 1;
      this.previousHash = entry.hash;
      this.previousSeq = entry.seq;
    }
    return true;
  }

  private problemWith(entry: StoredEntry): string | undefined {
    if (entry.seq !== this.previousSeq + 1) return 'sequence gap before this entry';
    if (entry.prevHash !== this.previousHash) return 'prevHash does not match the previous entry';
    let expected: string;
    try {
      expected = hashEntry(entry);
    } catch {
      return 'hash does not match the entry content';
    }
    return expected === entry.hash ? undefined : 'hash does not match the entry content';
  }
}
