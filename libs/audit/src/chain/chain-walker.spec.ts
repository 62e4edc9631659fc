import { ChainWalker } from './chain-walker';
import { ChainedContent, GENESIS_HASH, hashEntry } from './entry-hash';

type Entry = ChainedContent & { hash: string };

/** A correctly linked chain of `length` entries, as the recorder would write it. */
function chainOf(length: number): Entry[] {
  const entries: Entry[] = [];
  for (let seq = 1; seq <= length; seq++) {
    const content: ChainedContent = {
      seq,
      eventId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      action: 'billing.invoice.paid.v1',
      module: 'billing',
      actor: `user:${seq % 3}`,
      traceId: 'a'.repeat(32),
      payload: JSON.stringify({ amountMinor: seq * 100, currency: 'EUR' }),
      occurredAt: new Date(Date.UTC(2024, 10, 24, 7, 0, seq)).toISOString(),
      recordedAt: new Date(Date.UTC(2024, 10, 24, 7, 0, seq, 5)).toISOString(),
      prevHash: entries.at(-1)?.hash ?? GENESIS_HASH,
    };
    entries.push({ ...content, hash: hashEntry(content) });
  }
  return entries;
}

/** Feeds the walker page by page, as the verify handler does, and stops where it stops. */
function walk(entries: Entry[], pageSize = 4): ChainWalker {
  const walker = new ChainWalker();
  for (let start = 0; start < entries.length; start += pageSize) {
    if (!walker.accept(entries.slice(start, start + pageSize))) break;
  }
  return walker;
}

/** The same entry with its hash recomputed, as a tamperer who knows the scheme would leave it. */
const rehashed = (entry: Entry, change: Partial<ChainedContent>): Entry => {
  const content = { ...entry, ...change };
  return { ...content, hash: hashEntry(content) };
};

describe('ChainWalker', () => {
  it('an empty log is valid, with no head', () => {
    const walker = walk([]);

    expect([walker.broken, walker.walked, walker.head]).toEqual([undefined, 0, '']);
  });

  it('a correctly linked chain spread over several pages is valid; the head is the last hash', () => {
    const chain = chainOf(10);

    const walker = walk(chain, 4);

    expect([walker.broken, walker.walked, walker.head]).toEqual([undefined, 10, chain[9].hash]);
  });

  it('an entry whose content was edited breaks the chain at that entry', () => {
    const chain = chainOf(6);
    chain[3] = { ...chain[3], payload: '{"amountMinor":1,"currency":"EUR"}' };

    const walker = walk(chain);

    expect(walker.broken).toEqual({ seq: 4, reason: 'hash does not match the entry content' });
    expect([walker.walked, walker.head]).toEqual([3, chain[2].hash]);
  });

  it('an entry that is no longer valid JSON is reported as a content mismatch', () => {
    const chain = chainOf(3);
    chain[0] = { ...chain[0], payload: 'not json' };

    expect(walk(chain).broken).toEqual({ seq: 1, reason: 'hash does not match the entry content' });
  });

  it('an edited entry whose hash was recomputed breaks the link to the next entry', () => {
    const chain = chainOf(6);
    chain[1] = rehashed(chain[1], { actor: 'user:someone-else' });

    expect(walk(chain).broken).toEqual({ seq: 3, reason: 'prevHash does not match the previous entry' });
  });

  it('a deleted entry leaves a sequence gap before the next one', () => {
    const chain = chainOf(6);
    chain.splice(4, 1);

    const walker = walk(chain);

    expect(walker.broken).toEqual({ seq: 6, reason: 'sequence gap before this entry' });
    expect(walker.walked).toBe(4);
  });

  it('a log that does not start at seq 1 is broken at its first entry', () => {
    expect(walk(chainOf(3).slice(1)).broken).toEqual({ seq: 2, reason: 'sequence gap before this entry' });
  });

  it('a first entry that does not link to the genesis hash is broken', () => {
    const chain = chainOf(2);
    chain[0] = rehashed(chain[0], { prevHash: 'f'.repeat(64) });

    expect(walk(chain).broken).toEqual({ seq: 1, reason: 'prevHash does not match the previous entry' });
  });

  it('stops accepting pages once broken', () => {
    const chain = chainOf(4);
    chain[0] = { ...chain[0], hash: 'e'.repeat(64) };
    const walker = new ChainWalker();

    expect(walker.accept(chain.slice(0, 2))).toBe(false);
    expect([walker.walked, walker.broken?.seq]).toEqual([0, 1]);
  });
});
