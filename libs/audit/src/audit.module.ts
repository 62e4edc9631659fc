import { ModuleKernel } from '@app/platform';
import { Module } from '@nestjs/common';
import { auditConfigProvider } from './audit.config';
import { auditChainKeyProvider } from './chain/audit-chain-key.provider';
import { CheckpointWriter } from './checkpoint/checkpoint-writer';
import { AuditEntry } from './database/audit-entry.entity';
import { AuditTables1732406400100 } from './database/audit-tables.migration';
import { AuditChainAlgorithm1764201600100 } from './database/chain-algorithm.migration';
import { AuditRecorderConsumer } from './record-event/audit-recorder.consumer';
import { SearchEntriesHandler } from './search-entries/search-entries.handler';
import { VerifyChainHandler } from './verify-chain/verify-chain.handler';

/**
 * The append-only log of every state change and refusal, chained with a key kept outside its
 * database and checkpointed outside it too (ADR 0024). Written by events only; read by admins
 * through AuditContract.
 */
@Module({
  imports: [
    ModuleKernel.forModule({
      module: 'audit',
      entities: [AuditEntry],
      migrations: [AuditTables1732406400100, AuditChainAlgorithm1764201600100],
    }),
  ],
  controllers: [SearchEntriesHandler, VerifyChainHandler],
  providers: [auditConfigProvider, auditChainKeyProvider, AuditRecorderConsumer, CheckpointWriter],
})
export class AuditModule {}
