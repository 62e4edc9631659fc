import { AuditChainProblem } from '@app/contracts';
import { createReadStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { AuditChainKey } from '../chain/audit-chain-key';
import { authenticCheckpoint, Checkpoint } from './checkpoint';

/** What the checkpoint file says: its latest authentic checkpoint, and what is wrong with it. */
export interface CheckpointFileReading {
  latest?: Checkpoint;
  problems: AuditChainProblem[];
  warnings: string[];
}

/**
 * Reads the file line by line (it only grows). Every JSON line must be an authentic checkpoint
 * whose seq does not go back; the latest one is the anchor. A line that is not JSON at all is
 * what a crash while appending leaves (a torn line): it claims nothing, and is skipped with a
 * warning.
 */
export async function readCheckpointFile(path: string, key: AuditChainKey): Promise<CheckpointFileReading> {
  const reading: CheckpointFileReading = { problems: [], warnings: [] };
  if ((await sizeOf(path)) === 0) return { ...reading, warnings: [NO_CHECKPOINT] };
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() !== '') judgeLine(reading, key, line, number);
  }
  if (!reading.latest) reading.warnings.push(NO_CHECKPOINT);
  return reading;
}

const NO_CHECKPOINT = 'no checkpoint yet: a truncated log or a rewritten tail cannot be told';

function judgeLine(reading: CheckpointFileReading, key: AuditChainKey, line: string, number: number): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    reading.warnings.push(`line ${number} of the checkpoint file is incomplete (torn by a crash while it was appended): skipped`);
    return;
  }
  const checkpoint = authenticCheckpoint(key, parsed);
  if (!checkpoint) {
    const claimed = (parsed as { seq?: unknown } | null)?.seq;
    const seq = Number.isInteger(claimed) ? (claimed as number) : 0;
    reading.problems.push({
      kind: 'checkpoint-invalid',
      seq,
      detail: `line ${number} of the checkpoint file is not an authentic checkpoint`,
    });
  } else if (reading.latest && checkpoint.seq < reading.latest.seq) {
    reading.problems.push({
      kind: 'checkpoint-invalid',
      seq: checkpoint.seq,
      detail: `line ${number} of the checkpoint file goes back from entry ${reading.latest.seq} to ${checkpoint.seq}`,
    });
  } else {
    reading.latest = checkpoint;
  }
}

/**
 * Appends one checkpoint as a line and fsyncs it. After a torn last line the new line starts on
 * a line of its own.
 */
export async function appendCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const size = await sizeOf(path);
  const separator = size > 0 && (await lastByte(path, size)) !== '\n' ? '\n' : '';
  const file = await open(path, 'a', 0o600);
  try {
    await file.appendFile(`${separator}${JSON.stringify(checkpoint)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
}

async function lastByte(path: string, size: number): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { buffer } = await file.read(Buffer.alloc(1), 0, 1, size - 1);
    return buffer.toString('utf8');
  } finally {
    await file.close();
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
