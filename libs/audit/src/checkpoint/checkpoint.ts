import { AuditChainKey, CheckpointContent } from '../chain/audit-chain-key';

/** One line of the checkpoint file: the chain's head at a moment, signed (ADR 0024). */
export interface Checkpoint extends CheckpointContent {
  mac: string;
}

export function signCheckpoint(key: AuditChainKey, content: CheckpointContent): Checkpoint {
  const { seq, head, at } = content;
  return { seq, head, at, mac: key.signCheckpoint({ seq, head, at }) };
}

/** A parsed line, if it has a checkpoint's shape and its MAC holds under the key. */
export function authenticCheckpoint(key: AuditChainKey, value: unknown): Checkpoint | undefined {
  if (!hasCheckpointShape(value)) return undefined;
  return AuditChainKey.sameMac(key.signCheckpoint(value), value.mac) ? value : undefined;
}

function hasCheckpointShape(value: unknown): value is Checkpoint {
  const line = value as Partial<Checkpoint> | null;
  return (
    typeof line === 'object' &&
    line !== null &&
    Number.isInteger(line.seq) &&
    (line.seq ?? 0) > 0 &&
    typeof line.head === 'string' &&
    typeof line.at === 'string' &&
    typeof line.mac === 'string'
  );
}
