import { Database } from 'sqlite3';

/** Runs SQL straight against the module's SQLite file, bypassing the program: a tamperer's view. */
export function runSql<T = Record<string, unknown>>(file: string, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new Database(file);
    db.configure('busyTimeout', 5000);
    db.all(sql, (error, rows) => {
      db.close();
      if (error) reject(error);
      else resolve(rows as T[]);
    });
  });
}

/** Runs several statements in one transaction: a reader (the checkpoint writer) sees all of them or none. */
export function runSqlAtomically(file: string, statements: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new Database(file);
    db.configure('busyTimeout', 5000);
    db.exec(['BEGIN IMMEDIATE', ...statements, 'COMMIT'].join(';\n'), (error) => {
      db.close();
      if (error) reject(error);
      else resolve();
    });
  });
}

/** Drops the append-only triggers, as someone with write access to the file could. */
export async function dropAppendOnlyTriggers(file: string): Promise<void> {
  const triggers = await runSql(file, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'");
  for (const { name } of triggers) await runSql(file, `DROP TRIGGER "${String(name)}"`);
}
