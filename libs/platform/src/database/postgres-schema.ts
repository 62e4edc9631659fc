import { DataSource } from 'typeorm';
import { ConfigurationError } from '../config/configuration.error';

const SET_UP_ROLES = 'npm run postgres:roles -- <superuser-url>';

/**
 * Makes sure a module's PostgreSQL schema is there and its own before migrating (ADR 0031).
 * The schema is created on first start when the connection may (the superuser of the simple
 * set-up); a module's own role finds it made by `npm run postgres:roles` and may not create
 * schemas — PostgreSQL checks that right even for `CREATE SCHEMA IF NOT EXISTS`, so ask first.
 */
export async function prepareModuleSchema(dataSource: DataSource, schema: string): Promise<void> {
  const found = await dataSource.query<unknown[]>('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  if (found.length === 0) await createSchema(dataSource, schema);
  await refuseTablesOfAnotherOwner(dataSource, schema);
}

async function createSchema(dataSource: DataSource, schema: string): Promise<void> {
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    throw new ConfigurationError(`${schema.toUpperCase()}_DATABASE_URL`, [
      `schema "${schema}" does not exist and this connection may not create it (${(error as Error).message}): ` +
        `create each module's role and schema with ${SET_UP_ROLES}`,
    ]);
  }
}

/**
 * Tables this connection's role cannot act as the owner of: left by an earlier start under
 * another role (the superuser, before the roles were set up). TypeORM would not even see them
 * (information_schema lists only what a role may touch) and fail to create them again, so say
 * what to do instead: the set-up, run again, hands them to the module's role.
 */
async function refuseTablesOfAnotherOwner(dataSource: DataSource, schema: string): Promise<void> {
  const foreign = await dataSource.query<Array<{ name: string; owner: string }>>(
    `SELECT c.relname AS name, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
      WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relkind IN ('r', 'p')
        AND NOT pg_has_role(current_user, c.relowner, 'USAGE') ORDER BY c.relname`,
    [schema],
  );
  if (foreign.length === 0) return;
  const tables = foreign.map(({ name, owner }) => `${name} (owned by ${owner})`).join(', ');
  throw new ConfigurationError(`${schema.toUpperCase()}_DATABASE_URL`, [
    `this connection's role does not own the tables ${tables} of schema "${schema}": run ${SET_UP_ROLES} again to hand them over`,
  ]);
}
