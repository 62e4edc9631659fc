import { CALLER_NAMES, CallerName } from '@app/contracts';
import { DataSource } from 'typeorm';

/** What a module's connection could reach beyond its own schema. */
export interface ReachBeyondOwnSchema {
  /** The role it logged in as. */
  role: string;
  /** A superuser reaches every schema, including those not created yet. */
  superuser: boolean;
  /** The other modules' schemas (existing now) it may use. */
  schemas: string[];
}

const QUERY = `
  SELECT current_user AS role,
         (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
         ARRAY(SELECT nspname::text FROM pg_namespace
                WHERE nspname = ANY($1) AND nspname <> $2 AND has_schema_privilege(oid, 'USAGE')
                ORDER BY nspname) AS schemas`;

/**
 * One query at start, on PostgreSQL: may this connection read another module's schema? It may if
 * it is a superuser, or has USAGE on one of the other owners' schemas that exist — which is how
 * one role shared by every module shows, once a second module has created its schema.
 */
export async function otherSchemasReached(dataSource: DataSource, module: CallerName): Promise<ReachBeyondOwnSchema> {
  const [row] = await dataSource.query<ReachBeyondOwnSchema[]>(QUERY, [CALLER_NAMES, module]);
  return row;
}

/** The WARN line for a connection that reaches beyond its schema, or undefined when it does not. */
export function sharedSchemaWarning(module: CallerName, reach: ReachBeyondOwnSchema): string | undefined {
  if (!reach.superuser && reach.schemas.length === 0) return undefined;
  const what = reach.superuser ? 'as a superuser, every schema' : `schema ${reach.schemas.join(', ')}`;
  return (
    `${module}'s database connection (role ${reach.role}) can read ${what}, not only "${module}": ` +
    `give each module a role of its own with npm run postgres:roles -- <superuser-url> (ADR 0031)`
  );
}
