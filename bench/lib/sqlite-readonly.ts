import { existsSync } from 'node:fs';
import sqlite3 from 'sqlite3';

/** A module's SQLite file opened read-only, next to the running system (WAL lets both work). */
export class ReadOnlyDb {
  private constructor(private readonly db: sqlite3.Database) {}

  static open(file: string): Promise<ReadOnlyDb | undefined> {
    if (!existsSync(file)) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(new ReadOnlyDb(db))));
    });
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
  }

  async hasTable(name: string): Promise<boolean> {
    return (await this.all(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`, [name])).length > 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.db.close(() => resolve()));
  }
}
