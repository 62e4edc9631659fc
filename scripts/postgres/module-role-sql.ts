import { Client } from 'pg';

/**
 * The statements of the module-roles set-up, one function per step. Each step can run again:
 * it creates what is missing and puts back what has drifted, so the whole set-up is idempotent.
 */

/** Creates the module's login role, or gives an existing one this password (and the right to log in). */
export async function ensureLoginRole(client: Client, role: string, password: string): Promise<void> {
  const existing = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = existing.rowCount ? 'ALTER' : 'CREATE';
  await client.query(`${verb} ROLE ${client.escapeIdentifier(role)} WITH LOGIN PASSWORD ${client.escapeLiteral(password)}`);
}

/**
 * What in a schema is not yet its role's: tables, views and free-standing sequences (a serial's
 * sequence follows its table), and functions (audit's append-only trigger). They are there when
 * the module ran before under another role, e.g. the superuser of the simple set-up.
 */
const OWNERSHIP_TO_TRANSFER = `
  SELECT format('ALTER %s %I.%I OWNER TO %I',
           CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
           n.nspname, c.relname, $2::text) AS statement
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = $1::text AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner <> to_regrole($2::text)
     AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
              WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
  UNION ALL
  SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $2::text)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname = $1::text AND p.proowner <> to_regrole($2::text)`;

/**
 * The module's schema, owned by its role together with everything already in it, and the role's
 * search_path in this database set to it (so even an unqualified name stays at home).
 */
export async function ensureOwnedSchema(client: Client, schema: string, role: string, database: string): Promise<void> {
  const [quotedSchema, quotedRole] = [client.escapeIdentifier(schema), client.escapeIdentifier(role)];
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${quotedSchema} AUTHORIZATION ${quotedRole}`);
  await client.query(`ALTER SCHEMA ${quotedSchema} OWNER TO ${quotedRole}`);
  const transfers = await client.query<{ statement: string }>(OWNERSHIP_TO_TRANSFER, [schema, role]);
  for (const { statement } of transfers.rows) await client.query(statement);
  await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database)} TO ${quotedRole}`);
  await client.query(`ALTER ROLE ${quotedRole} IN DATABASE ${client.escapeIdentifier(database)} SET search_path TO ${quotedSchema}`);
}

/**
 * Takes away from everyone but the owner any privilege on the schema and its tables: PUBLIC (every
 * role) and, by name, the other modules' roles, in case someone granted them one.
 */
export async function closeSchemaToOthers(client: Client, schema: string, others: readonly string[]): Promise<void> {
  const grantees = ['PUBLIC', ...others.map((role) => client.escapeIdentifier(role))].join(', ');
  await client.query(`REVOKE ALL ON SCHEMA ${client.escapeIdentifier(schema)} FROM ${grantees}`);
  await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${client.escapeIdentifier(schema)} FROM ${grantees}`);
}

/**
 * No module role may create a schema, nor a table in `public` (PostgreSQL 15 already refuses the
 * latter to PUBLIC; older versions allow it). USAGE on `public` stays: it holds no module's data.
 */
export async function closeSharedPlaces(client: Client, roles: readonly string[], database: string): Promise<void> {
  const grantees = ['PUBLIC', ...roles.map((role) => client.escapeIdentifier(role))].join(', ');
  await client.query(`REVOKE CREATE ON DATABASE ${client.escapeIdentifier(database)} FROM ${grantees}`);
  const publicSchema = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = 'public'");
  if (publicSchema.rowCount) await client.query(`REVOKE CREATE ON SCHEMA public FROM ${grantees}`);
}
