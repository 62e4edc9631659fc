import { DataSource } from 'typeorm';

/** A module database as far as counting goes: its writer and, on SQLite, its read connection. */
export interface CountedDatabase {
  dataSource: DataSource;
  reader?: DataSource;
}

/**
 * Runs `work` and returns every SQL statement the databases ran meanwhile (transaction control
 * included), in order. TypeORM hands each statement to its DataSource's logger before running
 * it, whatever the `logging` option, so a logger that records is enough.
 */
export async function recordStatements<T>(
  databases: CountedDatabase[],
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const sources = [...new Set(databases.flatMap((database) => [database.dataSource, database.reader ?? database.dataSource]))];
  const restore = sources.map((source) => {
    const logger = source.logger;
    const recording = Object.create(logger) as typeof logger;
    recording.logQuery = (query, parameters, runner) => {
      statements.push(query);
      logger.logQuery(query, parameters, runner);
    };
    (source as { logger: typeof logger }).logger = recording;
    return () => ((source as { logger: typeof logger }).logger = logger);
  });
  try {
    const result = await work();
    return { result, statements };
  } finally {
    restore.forEach((undo) => undo());
  }
}
