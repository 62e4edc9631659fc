import { AuditChainReport } from '@app/contracts';
import { AuditChainKey } from '../chain/audit-chain-key';
import { ChainWalker } from '../chain/chain-walker';
import { readCheckpointFile } from '../checkpoint/checkpoint-file';
import { ReadAuditLog, walkEntries } from '../database/audit-log-reads';

/** What verifying needs: a way to read the log, the chain key, and the checkpoint file. */
export interface AuditLogSources {
  read: ReadAuditLog;
  key: AuditChainKey;
  checkpointFile: string;
}

/**
 * The one verification, behind both `GET /audit/verify` and `npm run audit:verify`: every entry's
 * MAC and link, oldest first, then the log against the latest authentic checkpoint (ADR 0024).
 */
export async function verifyAuditLog({ read, key, checkpointFile }: AuditLogSources): Promise<AuditChainReport> {
  const file = await readCheckpointFile(checkpointFile, key);
  const latest = file.latest;
  const walker = new ChainWalker(key, { checkpoint: latest && { seq: latest.seq, hash: latest.head, at: latest.at } });
  await walkEntries(read, walker);
  const problems = [...file.problems, ...walker.finish()];
  return {
    valid: problems.length === 0,
    entries: walker.entries,
    legacyEntries: walker.legacyEntries,
    head: walker.head,
    checkpoint: latest ? { seq: latest.seq, head: latest.head, at: latest.at } : null,
    problems,
    warnings: file.warnings,
  };
}
