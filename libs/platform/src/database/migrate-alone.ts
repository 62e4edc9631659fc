import { DataSource, Migration } from 'typeorm';
import { prepareModuleSchema } from './postgres-schema';

/**
 * Runs a module's migrations; on PostgreSQL one process at a time. Replicas of a process start
 * together on one schema (ADR 0028), and two `CREATE TABLE`s of one migration would collide: a
 * session advisory lock per schema, held on a connection of its own, makes the second wait and
 * then find nothing left to apply. Advisory locks need no privilege: a module's role takes them too.
 */
export async function migrateAlone(dataSource: DataSource, schema: string): Promise<Migration[]> {
  if (dataSource.options.type !== 'postgres') return dataSource.runMigrations({ transaction: 'each' });
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  const key = `${schema}.migrations`;
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    await prepareModuleSchema(dataSource, schema);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
    await lock.release();
  }
}
