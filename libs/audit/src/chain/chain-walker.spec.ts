import { AuditChainProblem } from '@app/contracts';
import { AuditChainKey } from './audit-chain-key';
import { ChainLink, ChainWalker, ChainWalkOptions } from './chain-walker';
import { ChainedContent, GENESIS_HASH, hashEntry, KEYED, LEGACY, StoredEntry } from './entry-hash';

const key = new AuditChainKey(Buffer.alloc(32, 7));
const otherKey = new AuditChainKey(Buffer.alloc(32, 8));

function contentOf(seq: number, prevHash: string): ChainedContent {
  return {
    seq,
    eventId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    action: 'billing.invoice.paid.v1',
    module: 'billing',
    actor: `user:${seq % 3}`,
    traceId: 'a'.repeat(32),
    payload: JSON.stringify({ amountMinor: seq * 100, currency: 'EUR' }),
    occurredAt: new Date(Date.UTC(2024, 10, 24, 7, 0, seq)).toISOString(),
    recordedAt: new Date(Date.UTC(2024, 10, 24, 7, 0, seq, 5)).toISOString(),
    prevHash,
  };
}

/** A correctly linked chain: `legacy` unkeyed entries first (written before the key existed), then keyed ones. */
function chainOf(length: number, legacy = 0): StoredEntry[] {
  const entries: StoredEntry[] = [];
  for (let seq = 1; seq <= length; seq++) {
    const content = contentOf(seq, entries.at(-1)?.hash ?? GENESIS_HASH);
    entries.push(seq <= legacy ? { ...content, algorithm: LEGACY, hash: hashEntry(content) } : sealed(content));
  }
  return entries;
}

const sealed = (content: ChainedContent, by = key): StoredEntry => ({ ...content, algorithm: KEYED, hash: by.sealEntry(content) });

/** What an attacker without the key can do: recompute the unkeyed hash, call it legacy. */
const rehashedWithoutKey = (content: ChainedContent): StoredEntry => ({ ...content, algorithm: LEGACY, hash: hashEntry(content) });

/** Rewrites entries from `from` (1-based) to the end, each re-linked to the rewritten one before it. */
function rewriteTail(chain: StoredEntry[], from: number): StoredEntry[] {
  const result = chain.slice(0, from - 1);
  for (const entry of chain.slice(from - 1)) {
    const content = { ...entry, actor: 'user:someone-else', prevHash: result.at(-1)?.hash ?? GENESIS_HASH };
    result.push(rehashedWithoutKey(content));
  }
  return result;
}

const checkpointAt = (chain: StoredEntry[], seq: number): ChainLink & { at: string } => ({
  seq,
  hash: chain[seq - 1].hash,
  at: '2024-11-24T08:00:00.000Z',
});

/** Feeds the walker page by page, as the verifier does. */
function walk(
  entries: StoredEntry[],
  options: ChainWalkOptions = {},
  pageSize = 4,
): { walker: ChainWalker; problems: AuditChainProblem[] } {
  const walker = new ChainWalker(key, options);
  for (let start = 0; start < entries.length; start += pageSize) walker.accept(entries.slice(start, start + pageSize));
  return { walker, problems: walker.finish() };
}

const kinds = (problems: AuditChainProblem[]) => problems.map(({ kind, seq }) => `${kind}@${seq}`);

describe('ChainWalker', () => {
  it('an empty log is valid, with no head', () => {
    const { walker, problems } = walk([]);

    expect([problems, walker.entries, walker.head]).toEqual([[], 0, '']);
  });

  it('a keyed chain spread over several pages is valid; the head is the newest hash', () => {
    const chain = chainOf(10);

    const { walker, problems } = walk(chain, { checkpoint: checkpointAt(chain, 8) });

    expect([problems, walker.entries, walker.legacyEntries, walker.head]).toEqual([[], 10, 0, chain[9].hash]);
  });

  it('unkeyed legacy entries verify by their SHA-256, and the first keyed entry chains on the last legacy hash', () => {
    const chain = chainOf(6, 3);

    const { walker, problems } = walk(chain);

    expect(chain[3].prevHash).toBe(chain[2].hash);
    expect([problems, walker.legacyEntries]).toEqual([[], 3]);
  });

  it('an edited payload is reported as edited at that entry, the rest of the log as sound', () => {
    const chain = chainOf(6);
    chain[3] = { ...chain[3], payload: '{"amountMinor":1,"currency":"EUR"}' };

    const { walker, problems } = walk(chain, { checkpoint: checkpointAt(chain, 6) });

    expect(kinds(problems)).toEqual(['edited@4']);
    expect(walker.entries).toBe(6);
  });

  it('a payload that is no longer JSON is an edit too', () => {
    const chain = chainOf(3);
    chain[0] = { ...chain[0], payload: 'not json' };

    expect(kinds(walk(chain).problems)).toEqual(['edited@1']);
  });

  it('an entry edited and re-hashed without the key in the middle is edited (the next entry no longer links to it)', () => {
    const chain = chainOf(6);
    chain[1] = rehashedWithoutKey({ ...chain[1], actor: 'user:someone-else' });

    expect(kinds(walk(chain).problems)).toEqual(['edited@2']);
  });

  it('an entry sealed with another key is not accepted', () => {
    const chain = chainOf(4);
    chain[1] = sealed({ ...chain[1], actor: 'user:someone-else' }, otherKey);

    expect(kinds(walk(chain).problems)).toEqual(['edited@2']);
  });

  it('a deleted middle entry leaves a gap: deleted, at the missing seq', () => {
    const chain = chainOf(6);
    chain.splice(3, 2);

    const { problems } = walk(chain, { checkpoint: checkpointAt(chainOf(6), 6) });

    expect(problems).toEqual([{ kind: 'deleted', seq: 4, detail: 'entries 4–5 are missing' }]);
  });

  it('a log that does not start at seq 1 lost its first entries', () => {
    expect(kinds(walk(chainOf(3).slice(1)).problems)).toEqual(['deleted@1']);
  });

  it('newest entries deleted behind the checkpoint: truncated, from the first missing seq', () => {
    const chain = chainOf(8);

    const { problems } = walk(chain.slice(0, 5), { checkpoint: checkpointAt(chain, 8) });

    expect(problems).toEqual([
      { kind: 'truncated', seq: 6, detail: 'the log ends at entry 5, the checkpoint of 2024-11-24T08:00:00.000Z covers entries up to 8' },
    ]);
  });

  it('a tail rewritten without the key, under the checkpoint, is rewritten', () => {
    const chain = chainOf(8);
    const checkpoint = checkpointAt(chain, 8);

    expect(kinds(walk(rewriteTail(chain, 6), { checkpoint }).problems)).toEqual(['rewritten@6']);
  });

  it('a rewritten tail that runs past the checkpoint is rewritten up to it and forged after it', () => {
    const chain = chainOf(8);

    expect(kinds(walk(rewriteTail(chain, 5), { checkpoint: checkpointAt(chain, 6) }).problems)).toEqual(['rewritten@5', 'forged@7']);
  });

  it('an entry appended without the key after the newest one is forged', () => {
    const chain = chainOf(5);
    const forged = rehashedWithoutKey(contentOf(6, chain[4].hash));

    const { problems } = walk([...chain, forged], { checkpoint: checkpointAt(chain, 5) });

    expect(kinds(problems)).toEqual(['forged@6']);
  });

  it('an appended entry that claims to be keyed but carries a made-up MAC is forged too', () => {
    const chain = chainOf(5);
    const forged = { ...contentOf(6, chain[4].hash), algorithm: KEYED, hash: 'f'.repeat(64) };

    expect(kinds(walk([...chain, forged]).problems)).toEqual(['forged@6']);
  });

  it('truncated, then refilled without the key past the checkpoint: the head at the checkpoint differs', () => {
    const chain = chainOf(8);
    const refilled = rewriteTail(chain.slice(0, 7), 7).concat();
    refilled.push(rehashedWithoutKey(contentOf(8, refilled[6].hash)));
    refilled.push(rehashedWithoutKey(contentOf(9, refilled[7].hash)));

    expect(kinds(walk(refilled, { checkpoint: checkpointAt(chain, 8) }).problems)).toEqual(['rewritten@7', 'forged@9']);
  });

  it('keyed entries downgraded to unkeyed ones after a checkpoint are not legacy: forged', () => {
    const chain = chainOf(6, 2);

    expect(kinds(walk(rewriteTail(chain, 5), { checkpoint: checkpointAt(chain, 4) }).problems)).toEqual(['forged@5']);
  });

  it('an unkeyed entry after a keyed one is never legacy', () => {
    const chain = chainOf(5);
    chain[2] = rehashedWithoutKey(chain[2]);
    chain[3] = sealed({ ...chain[3], prevHash: chain[2].hash });
    chain[4] = sealed({ ...chain[4], prevHash: chain[3].hash });

    expect(kinds(walk(chain).problems)).toEqual(['edited@3']);
  });

  it('legacy entries rewritten without the key show where the first keyed entry no longer links', () => {
    const chain = chainOf(6, 3);
    const rewritten = rewriteTail(chain.slice(0, 3), 2);

    expect(kinds(walk([...rewritten, ...chain.slice(3)]).problems)).toEqual(['edited@3']);
  });

  it('walking on from an earlier checkpoint checks only what came after it', () => {
    const chain = chainOf(8);
    const from = { seq: 5, hash: chain[4].hash };

    expect(walk(chain.slice(5), { from }).problems).toEqual([]);
    expect(kinds(walk([rehashedWithoutKey(contentOf(6, chain[4].hash))], { from }).problems)).toEqual(['forged@6']);
  });
});
