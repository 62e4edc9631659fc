import { ContractBus } from '../shared';
import { AuditContract } from './audit.contract';
import { AuditChainReport, AuditEntryPage, SearchAuditEntriesRequest } from './audit.dto';

export class AuditClient {
  constructor(private readonly bus: ContractBus) {}

  search(request: SearchAuditEntriesRequest): Promise<AuditEntryPage> {
    return this.bus.call(AuditContract.search, request);
  }

  verifyChain(): Promise<AuditChainReport> {
    return this.bus.call(AuditContract.verifyChain, {});
  }
}
