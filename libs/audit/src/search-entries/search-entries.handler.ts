import { AuditContract, AuditEntryPage, GATEWAY, SearchAuditEntriesRequest } from '@app/contracts';
import { Handles, MessageBody, ModuleDatabase } from '@app/platform';
import { Controller } from '@nestjs/common';
import { AuditEntry } from '../database/audit-entry.entity';
import { toAuditEntryView } from './audit-entry.view';

const DEFAULT_LIMIT = 100;
/** The contract refuses more; kept here too so no caller can ask for the whole log at once. */
const MAX_LIMIT = 500;

@Controller()
export class SearchEntriesHandler {
  constructor(private readonly db: ModuleDatabase) {}

  /** Newest first, filtered by exact trace ID, actor and/or module. Admins only. */
  @Handles(AuditContract.search, { callers: [GATEWAY], roles: ['admin'] })
  async search(@MessageBody() request: SearchAuditEntriesRequest): Promise<AuditEntryPage> {
    const where = {
      ...(request.traceId ? { traceId: request.traceId } : {}),
      ...(request.actor ? { actor: request.actor } : {}),
      ...(request.module ? { module: request.module } : {}),
    };
    const entries = await this.db.read((manager) =>
      manager.getRepository(AuditEntry).find({ where, order: { seq: 'DESC' }, take: Math.min(request.limit ?? DEFAULT_LIMIT, MAX_LIMIT) }),
    );
    return { entries: entries.map(toAuditEntryView) };
  }
}
