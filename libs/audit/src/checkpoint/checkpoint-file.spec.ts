import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditChainKey } from '../chain/audit-chain-key';
import { signCheckpoint } from './checkpoint';
import { appendCheckpoint, readCheckpointFile } from './checkpoint-file';

const key = new AuditChainKey(Buffer.alloc(32, 3));
const checkpoint = (seq: number) =>
  signCheckpoint(key, { seq, head: String(seq).repeat(64).slice(0, 64), at: `2024-11-24T08:00:0${seq}.000Z` });

describe('the checkpoint file', () => {
  let path: string;

  beforeEach(() => {
    path = join(mkdtempSync(join(tmpdir(), 'audit-checkpoints-')), 'audit-checkpoints.jsonl');
  });

  it('holds one JSON line per checkpoint; the latest is the anchor', async () => {
    await appendCheckpoint(path, checkpoint(2));
    await appendCheckpoint(path, checkpoint(5));

    expect(readFileSync(path, 'utf8').split('\n')).toEqual([JSON.stringify(checkpoint(2)), JSON.stringify(checkpoint(5)), '']);
    await expect(readCheckpointFile(path, key)).resolves.toEqual({ latest: checkpoint(5), problems: [], warnings: [] });
  });

  it('a missing file means no checkpoint yet, which is said', async () => {
    await expect(readCheckpointFile(path, key)).resolves.toEqual({
      problems: [],
      warnings: ['no checkpoint yet: a truncated log or a rewritten tail cannot be told'],
    });
  });

  it('a torn last line is skipped with a warning, and the next checkpoint starts on a line of its own', async () => {
    await appendCheckpoint(path, checkpoint(2));
    appendFileSync(path, JSON.stringify(checkpoint(3)).slice(0, 40));

    const torn = await readCheckpointFile(path, key);
    await appendCheckpoint(path, checkpoint(4));
    const after = await readCheckpointFile(path, key);

    expect(torn.latest).toEqual(checkpoint(2));
    expect(torn.problems).toEqual([]);
    expect(torn.warnings).toEqual(['line 2 of the checkpoint file is incomplete (torn by a crash while it was appended): skipped']);
    expect(after.latest).toEqual(checkpoint(4));
  });

  it('a line signed without the checkpoint key is invalid, and not the anchor', async () => {
    await appendCheckpoint(path, checkpoint(2));
    await appendCheckpoint(path, { ...checkpoint(9), mac: new AuditChainKey(Buffer.alloc(32, 4)).signCheckpoint(checkpoint(9)) });

    const reading = await readCheckpointFile(path, key);

    expect(reading.latest).toEqual(checkpoint(2));
    expect(reading.problems).toEqual([
      { kind: 'checkpoint-invalid', seq: 9, detail: 'line 2 of the checkpoint file is not an authentic checkpoint' },
    ]);
  });

  it('an authentic line that goes back to an older seq is invalid (lines were reordered or replayed)', async () => {
    await appendCheckpoint(path, checkpoint(5));
    await appendCheckpoint(path, checkpoint(3));

    const reading = await readCheckpointFile(path, key);

    expect(reading.latest).toEqual(checkpoint(5));
    expect(reading.problems).toEqual([
      { kind: 'checkpoint-invalid', seq: 3, detail: 'line 2 of the checkpoint file goes back from entry 5 to 3' },
    ]);
  });
});
