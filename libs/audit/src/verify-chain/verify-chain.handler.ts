import { AuditChainReport, AuditContract, GATEWAY, VerifyAuditChainRequest } from '@app/contracts';
import { Handles, MessageBody, ModuleDatabase } from '@app/platform';
import { Controller, Inject } from '@nestjs/common';
import { AUDIT_CONFIG, AuditConfig } from '../audit.config';
import { AuditChainKey } from '../chain/audit-chain-key';
import { verifyAuditLog } from './verify-audit-log';

@Controller()
export class VerifyChainHandler {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly key: AuditChainKey,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  /** Checks every MAC and link against the latest checkpoint and reports every problem found. Admins only. */
  @Handles(AuditContract.verifyChain, { callers: [GATEWAY], roles: ['admin'] })
  verify(@MessageBody() _request: VerifyAuditChainRequest): Promise<AuditChainReport> {
    return verifyAuditLog({ read: (work) => this.db.read(work), key: this.key, checkpointFile: this.config.checkpointFile });
  }
}
