import { defineQuery } from '../shared';
import { AuditChainReport, AuditEntryPage, SearchAuditEntriesRequest, VerifyAuditChainRequest } from './audit.dto';

/**
 * The audit module answers queries only. It is written to by events: it subscribes to every event
 * (see subscriptions.ts), including the platform's stamps for commands and refusals.
 */
export const AuditContract = {
  search: defineQuery<SearchAuditEntriesRequest, AuditEntryPage>('audit.entries.search.v1', SearchAuditEntriesRequest),
  verifyChain: defineQuery<VerifyAuditChainRequest, AuditChainReport>('audit.chain.verify.v2', VerifyAuditChainRequest),
} as const;
