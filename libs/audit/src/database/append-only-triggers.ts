import { QueryRunner } from 'typeorm';

/** The error every UPDATE or DELETE of an audit entry fails with. */
export const APPEND_ONLY_MESSAGE = 'audit_entries is append-only';

/** SQLite: one trigger per forbidden statement, each aborting that statement. */
export async function createSqliteAppendOnlyTriggers(queryRunner: QueryRunner): Promise<void> {
  for (const operation of ['UPDATE', 'DELETE']) {
    await queryRunner.query(
      `CREATE TRIGGER audit_entries_no_${operation.toLowerCase()} BEFORE ${operation} ON audit_entries ` +
        `BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY_MESSAGE}'); END`,
    );
  }
}

/**
 * PostgreSQL: one trigger function, fired before every UPDATE or DELETE of a row and before a
 * TRUNCATE (which fires no row trigger). Names are qualified with the module's schema, because
 * the connection's search_path does not include it.
 */
export async function createPostgresAppendOnlyTriggers(queryRunner: QueryRunner): Promise<void> {
  const { table, fn } = postgresNames(queryRunner);
  await queryRunner.query(
    `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
      `BEGIN RAISE EXCEPTION '${APPEND_ONLY_MESSAGE} (% refused)', TG_OP; END; $$`,
  );
  await queryRunner.query(
    `CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
  );
  await queryRunner.query(
    `CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  );
}

/** Dropping the table drops its triggers; the function stays unless dropped too. */
export async function dropPostgresAppendOnlyFunction(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP FUNCTION IF EXISTS ${postgresNames(queryRunner).fn}()`);
}

function postgresNames(queryRunner: QueryRunner): { table: string; fn: string } {
  const schema = queryRunner.connection.driver.escape(queryRunner.connection.driver.schema ?? 'public');
  return { table: `${schema}.audit_entries`, fn: `${schema}.audit_entries_append_only` };
}
