import { CallerName } from '@app/contracts';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSourceOptions, MixedList } from 'typeorm';
import { PlatformConfig } from '../config/platform-config';
import { sqliteDriver } from './sqlite-driver';

export interface ModuleSchema {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}

/**
 * SQLite file per module by default; PostgreSQL (schema = module name) when a URL is set. The
 * gateway, when it orchestrates a saga, owns a database the same way (`gateway.sqlite`,
 * `GATEWAY_DATABASE_URL`).
 */
export function dataSourceOptionsFor(module: CallerName, schema: ModuleSchema, config: PlatformConfig): DataSourceOptions {
  const common = {
    name: module,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
  } as const;
  const url = config.databaseUrls[module];
  if (url) return { ...common, type: 'postgres', url, schema: module };
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  return {
    ...common,
    type: 'sqlite',
    database: join(dataDir, `${module}.sqlite`),
    driver: sqliteDriver(),
    enableWAL: true,
    busyTimeout: 5000,
  };
}

/**
 * The SQLite read connection: the same file and entities, no migrations. It is opened after the
 * writer has migrated, and made `query_only` once open (see openModuleDatabase).
 */
export function readerOptionsFor(writer: DataSourceOptions): DataSourceOptions {
  return { ...writer, name: `${String(writer.name)}:read`, migrations: [], migrationsRun: false, synchronize: false };
}
