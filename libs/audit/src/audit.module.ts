import { ModuleKernel } from '@app/platform';
import { Module } from '@nestjs/common';
import { AuditEntry } from './database/audit-entry.entity';
import { AuditTables1732406400100 } from './database/audit-tables.migration';
import { AuditRecorderConsumer } from './record-event/audit-recorder.consumer';
import { SearchEntriesHandler } from './search-entries/search-entries.handler';
import { VerifyChainHandler } from './verify-chain/verify-chain.handler';

/**
 * The append-only, hash-chained log of every state change and refusal. Written by events only;
 * read by admins through AuditContract.
 */
@Module({
  imports: [ModuleKernel.forModule({ module: 'audit', entities: [AuditEntry], migrations: [AuditTables1732406400100] })],
  controllers: [SearchEntriesHandler, VerifyChainHandler],
  providers: [AuditRecorderConsumer],
})
export class AuditModule {}
