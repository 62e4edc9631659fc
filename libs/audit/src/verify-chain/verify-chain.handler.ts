import { AuditChainReport, AuditContract, GATEWAY, VerifyAuditChainRequest } from '@app/contracts';
import { Handles, MessageBody, ModuleDatabase } from '@app/platform';
import { Controller } from '@nestjs/common';
import { MoreThan } from 'typeorm';
import { ChainWalker } from '../chain/chain-walker';
import { AuditEntry } from '../database/audit-entry.entity';

const PAGE_SIZE = 500;

@Controller()
export class VerifyChainHandler {
  constructor(private readonly db: ModuleDatabase) {}

  /** Recomputes every hash and link, oldest first, and reports the first broken entry. */
  @Handles(AuditContract.verifyChain, { callers: [GATEWAY], roles: ['admin'] })
  async verify(@MessageBody() _request: VerifyAuditChainRequest): Promise<AuditChainReport> {
    const walker = new ChainWalker();
    let after = 0;
    for (;;) {
      const page = await this.db.read((manager) =>
        manager.getRepository(AuditEntry).find({ where: { seq: MoreThan(after) }, order: { seq: 'ASC' }, take: PAGE_SIZE }),
      );
      if (page.length === 0 || !walker.accept(page)) break;
      after = page[page.length - 1].seq;
    }
    const report = { valid: !walker.broken, entries: walker.walked, head: walker.head };
    return walker.broken ? { ...report, firstBroken: walker.broken } : report;
  }
}
