import { Database, OPEN_READONLY } from 'sqlite3';

/** Runs SQL straight against a module's SQLite file, bypassing the program: a tamperer's view. */
export function runSql(file: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const db = new Database(file);
    db.configure('busyTimeout', 5000);
    db.all(sql, params, (error, rows) => {
      db.close();
      if (error) reject(error);
      else resolve(rows as Record<string, unknown>[]);
    });
  });
}

/** Reads a module's SQLite file without any chance of writing to it (a reconciler's view). */
export function readSql(file: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const db = new Database(file, OPEN_READONLY, (error) => {
      if (error) reject(error);
    });
    db.configure('busyTimeout', 5000);
    db.all(sql, params, (error, rows) => {
      db.close();
      if (error) reject(error);
      else resolve(rows as Record<string, unknown>[]);
    });
  });
}
