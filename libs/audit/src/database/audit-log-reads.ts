import { And, EntityManager, LessThanOrEqual, MoreThan } from 'typeorm';
import { ChainWalker } from '../chain/chain-walker';
import { AuditEntry } from './audit-entry.entity';

/** Runs a read on the audit database: `ModuleDatabase.read` in the module, a read-only connection in the CLI. */
export type ReadAuditLog = <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>;

const PAGE_SIZE = 500;

/** Feeds the walker every entry after `afterSeq` (up to `upToSeq`), oldest first, one page at a time. */
export async function walkEntries(read: ReadAuditLog, walker: ChainWalker, afterSeq = 0, upToSeq?: number): Promise<void> {
  for (let after = afterSeq; ;) {
    const seq = upToSeq === undefined ? MoreThan(after) : And(MoreThan(after), LessThanOrEqual(upToSeq));
    const page = await read((manager) =>
      manager.getRepository(AuditEntry).find({ where: { seq }, order: { seq: 'ASC' }, take: PAGE_SIZE }),
    );
    walker.accept(page);
    if (page.length < PAGE_SIZE) return;
    after = page[page.length - 1].seq;
  }
}

/** The newest entry, if any. */
export async function newestEntry(read: ReadAuditLog): Promise<AuditEntry | undefined> {
  const [newest] = await read((manager) => manager.getRepository(AuditEntry).find({ order: { seq: 'DESC' }, take: 1 }));
  return newest;
}

export function entryAt(read: ReadAuditLog, seq: number): Promise<AuditEntry | null> {
  return read((manager) => manager.getRepository(AuditEntry).findOneBy({ seq }));
}
