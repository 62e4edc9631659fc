import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Finds one row by its primary key, or `null`. */
export type PreparedLookup<T> = (id: string | number) => Promise<T | null>;

/** The slice of node-sqlite3's prepared statement a lookup uses. */
interface SqliteStatement {
  all(params: unknown[], callback: (error: Error | null, rows: Array<Record<string, unknown>>) => void): void;
  finalize(callback?: () => void): void;
}

/**
 * A read by primary key for a hot path, built once: the SQL is written from the entity's
 * metadata, on SQLite prepared once on the read connection (node-sqlite3 otherwise prepares
 * every statement again), and the row hydrated with TypeORM's own column transformers — the
 * same entity `findOneBy` would give, without the query builder on every call.
 */
export class PreparedLookups {
  private readonly statements: SqliteStatement[] = [];

  constructor(private readonly reader: DataSource) {}

  byId<T extends ObjectLiteral>(entity: EntityTarget<T>): PreparedLookup<T> {
    const metadata = this.reader.getMetadata(entity);
    const [key, ...others] = metadata.primaryColumns;
    if (!key || others.length > 0) throw new Error(`${metadata.name} needs exactly one primary column for a lookup by id`);
    const driver = this.reader.driver;
    const sqlite = this.reader.options.type === 'sqlite';
    const columns = metadata.columns.map((column) => driver.escape(column.databaseName)).join(', ');
    const table = metadata.tablePath
      .split('.')
      .map((part) => driver.escape(part))
      .join('.');
    const sql = `SELECT ${columns} FROM ${table} WHERE ${driver.escape(key.databaseName)} = ${sqlite ? '?' : '$1'}`;
    const hydrate = (row: Record<string, unknown> | undefined): T | null => {
      if (!row) return null;
      const found = metadata.create() as T;
      for (const column of metadata.columns) column.setEntityValue(found, driver.prepareHydratedValue(row[column.databaseName], column));
      return found;
    };
    if (!sqlite) return async (id) => hydrate((await this.reader.query<Record<string, unknown>[]>(sql, [id]))[0]);
    const statement = this.prepare(sql);
    // `all`, not `get`: a statement stopped after its first row keeps its read snapshot open, so
    // it would never see a later commit (and would hold back WAL checkpoints). Run it to the end.
    return (id) =>
      new Promise((resolve, reject) => statement.all([id], (error, rows) => (error ? reject(error) : resolve(hydrate(rows[0])))));
  }

  /** Finalises the prepared statements; the read connection cannot close before. */
  async close(): Promise<void> {
    await Promise.all(this.statements.map((statement) => new Promise<void>((resolve) => statement.finalize(() => resolve()))));
    this.statements.length = 0;
  }

  private prepare(sql: string): SqliteStatement {
    const connection = (this.reader.driver as unknown as { databaseConnection: { prepare(sql: string): SqliteStatement } })
      .databaseConnection;
    const statement = connection.prepare(sql);
    this.statements.push(statement);
    return statement;
  }
}
