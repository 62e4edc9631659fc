import { DataSource } from 'typeorm';

/** Entities every module's DataSource carries: the kernel's outbox, inbox and seen messages. */
const SHARED_TABLES = new Set(['outbox_messages', 'inbox_messages', 'seen_messages']);

/**
 * Each entity belongs to one module's DataSource. Registering it with two would let one module
 * read or write another's tables, so start-up stops instead.
 */
export function findSharedEntities(dataSources: Map<string, DataSource>): string[] {
  const owners = new Map<unknown, { name: string; modules: string[] }>();
  for (const [module, dataSource] of dataSources) {
    for (const metadata of dataSource.entityMetadatas) {
      if (SHARED_TABLES.has(metadata.tableName)) continue;
      const entry = owners.get(metadata.target) ?? { name: metadata.name, modules: [] };
      owners.set(metadata.target, { ...entry, modules: [...entry.modules, module] });
    }
  }
  return [...owners.values()]
    .filter(({ modules }) => modules.length > 1)
    .map(({ name, modules }) => `entity ${name} is registered with the DataSources of ${modules.join(' and ')}`);
}
