import { CallerName } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlatformConfig } from '../config/platform-config';
import { InboxMessage } from '../events/inbox-message.entity';
import { OutboxMessage } from '../events/outbox-message.entity';
import { SeenMessage } from '../envelope/seen-message.entity';
import { dataSourceOptionsFor, ModuleSchema, readerOptionsFor } from './data-source-options';
import { migrateAlone } from './migrate-alone';
import { otherSchemasReached, sharedSchemaWarning } from './other-schemas-reached';
import { ModuleDatabase } from './module-database';
import { OutboxClaims1764374400000 } from './outbox-claims.migration';
import { OutboxDeadLetters1764115200000 } from './outbox-dead-letters.migration';
import { PlatformTables1732406400000 } from './platform-tables.migration';
import { SeenMessages1764201600000 } from './seen-messages.migration';
import { Tracing, UNTRACED } from '../tracing/tracing';

/**
 * Creates a module's DataSource with the kernel's tables added (an orchestrator's database, which
 * publishes and receives no events, goes without them), and migrates it. On SQLite it
 * then opens the read connection (same file, `query_only`) and sets the writer to
 * `synchronous = NORMAL`: in WAL mode a commit survives a crash of the process, and only an OS
 * crash or power loss can take the last commits since the checkpoint (ADR 0012). On PostgreSQL in
 * production it warns once when the connection can read another module's schema (ADR 0031).
 */
export async function openModuleDatabase(
  module: CallerName,
  schema: ModuleSchema,
  config: PlatformConfig,
  { kernelTables = true, tracing = UNTRACED }: { kernelTables?: boolean; tracing?: Tracing } = {},
): Promise<ModuleDatabase> {
  const options = dataSourceOptionsFor(
    module,
    kernelTables
      ? {
          entities: [OutboxMessage, InboxMessage, SeenMessage, ...(schema.entities as [])],
          migrations: [
            PlatformTables1732406400000,
            OutboxDeadLetters1764115200000,
            SeenMessages1764201600000,
            OutboxClaims1764374400000,
            ...(schema.migrations as []),
          ],
        }
      : schema,
    config,
  );
  const dataSource = await new DataSource(options).initialize();
  const applied = await migrateAlone(dataSource, module);
  if (applied.length > 0) {
    new Logger('ModuleDatabase').log(`${module}: applied ${applied.map((m) => m.name).join(', ')}`);
  }
  if (options.type !== 'sqlite') {
    if (config.production) await warnIfSchemasShared(dataSource, module);
    return new ModuleDatabase(module, dataSource, dataSource, tracing);
  }
  await dataSource.query('PRAGMA synchronous = NORMAL');
  const reader = await new DataSource(readerOptionsFor(options)).initialize();
  await reader.query('PRAGMA query_only = ON');
  return new ModuleDatabase(module, dataSource, reader, tracing);
}

/** The simple set-up (one superuser URL for all) still works; production is told it is not isolated. */
async function warnIfSchemasShared(dataSource: DataSource, module: CallerName): Promise<void> {
  const warning = sharedSchemaWarning(module, await otherSchemasReached(dataSource, module));
  if (warning) new Logger('ModuleDatabase').warn(warning);
}
