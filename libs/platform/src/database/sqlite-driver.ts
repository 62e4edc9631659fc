import * as sqlite3 from 'sqlite3';

/**
 * The `driver` TypeORM's SqliteDriver loads. TypeORM calls `driver.verbose()` on load; the real
 * `sqlite3.verbose()` wraps every Database and Statement method to capture a stack trace per
 * statement (about 13 % of a busy process). This one hands back the module unpatched.
 * `SQLITE_VERBOSE=1` restores the real one, for debugging where a failing statement came from.
 */
export function sqliteDriver(env: NodeJS.ProcessEnv = process.env): object {
  if (env.SQLITE_VERBOSE === '1') return sqlite3;
  return { verbose: () => sqlite3 };
}
