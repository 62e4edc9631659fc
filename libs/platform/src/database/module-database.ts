import { ModuleName } from '@app/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { WriteLock } from './write-lock';

/**
 * One module's database and the only door into it. The sqlite3 driver shares one connection, so
 * every read and transaction on a SQLite store is queued; otherwise a read could see, and a write
 * could join, another piece of work's open transaction.
 */
export class ModuleDatabase {
  private readonly lock = new WriteLock();

  constructor(
    readonly module: ModuleName,
    readonly dataSource: DataSource,
  ) {}

  get isSqlite(): boolean {
    return this.dataSource.options.type === 'sqlite';
  }

  /** All-or-nothing work on this module's tables (and its outbox and inbox). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => this.dataSource.transaction(work);
    return this.isSqlite ? this.lock.run(run) : run();
  }

  /** Reads that need no transaction. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => work(this.dataSource.manager);
    return this.isSqlite ? this.lock.run(run) : run();
  }
}
