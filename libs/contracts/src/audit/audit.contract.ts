import { clientFor, defineContract, query } from '../shared';
import { AuditChainReport, AuditEntryPage, SearchAuditEntriesRequest, VerifyAuditChainRequest } from './audit.dto';

/**
 * The audit module answers queries only. It is written to by events: it subscribes to every event
 * (see subscriptions.ts), including the platform's stamps for commands and refusals.
 */
export const AuditContract = defineContract('audit', {
  search: query('audit.entries.search.v1', SearchAuditEntriesRequest).returns<AuditEntryPage>(),
  verifyChain: query('audit.chain.verify.v2', VerifyAuditChainRequest).returns<AuditChainReport>(),
});

/** The typed client of the audit module (`auditClient.search(dto)`). */
export class AuditClient extends clientFor(AuditContract) {}
