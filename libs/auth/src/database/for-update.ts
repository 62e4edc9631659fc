import { EntityManager, FindOneOptions } from 'typeorm';

/**
 * The row lock of a read-modify-write. PostgreSQL needs `SELECT … FOR UPDATE`; SQLite has no row
 * locks and needs none: ModuleDatabase already runs one piece of work at a time on it.
 */
export function forUpdate(manager: EntityManager): FindOneOptions['lock'] {
  return manager.connection.options.type === 'sqlite' ? undefined : { mode: 'pessimistic_write' };
}
