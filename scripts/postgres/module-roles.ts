import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
// The names file itself, not `@app/contracts`: this script runs under plain ts-node (no path
// mapping) and needs none of the contracts' DTOs. A module added by `npm run generate:module`
// joins MODULE_NAMES, hence CALLER_NAMES, and gets its role here with no edit.
import { CALLER_NAMES } from '../../libs/contracts/src/shared/module-names';
import { closeSchemaToOthers, closeSharedPlaces, ensureLoginRole, ensureOwnedSchema } from './module-role-sql';

export interface ModuleRolesOptions {
  /** A module's password (by module name: `billing`); a module without one gets a new random password. */
  passwords?: Partial<Record<string, string>>;
}

/** The login role of a module (or of the gateway): `archipelago_billing`. */
export const moduleRoleName = (module: string): string => `archipelago_${module}`;

/** The variable a module reads its database from: `BILLING_DATABASE_URL`. */
export const databaseUrlVariable = (module: string): string => `${module.toUpperCase()}_DATABASE_URL`;

/** Every owner of a schema: the business modules and the gateway (its saga log). */
export const SCHEMA_OWNERS: readonly string[] = CALLER_NAMES;

/**
 * Connection URLs as each module's role: the admin URL's host, port, database and parameters,
 * with the role and its password instead of the admin. Keyed by variable (`AUTH_DATABASE_URL`).
 */
export function moduleDatabaseUrls(adminUrl: string, passwords: Record<string, string>, database?: string): Record<string, string> {
  return Object.fromEntries(
    SCHEMA_OWNERS.map((module) => {
      const url = new URL(adminUrl);
      url.username = moduleRoleName(module);
      url.password = passwords[module];
      if (database) url.pathname = `/${encodeURIComponent(database)}`;
      return [databaseUrlVariable(module), url.toString()];
    }),
  );
}

/**
 * ADR 0031: for every module and the gateway, a login role that owns the module's schema (named
 * after the module, as the kernel expects) and has no privilege on any other schema, nor may it
 * create one or a table in `public`. Connects with `adminUrl` (a superuser, or the database's
 * owner with CREATEROLE), in one transaction under an advisory lock, so two runs at once queue up.
 * Safe to run again: what exists is kept, what drifted is put back, and each role gets the given
 * password or a new one. Returns the URL each module connects with, by variable name.
 */
export async function setUpModuleRoles(adminUrl: string, options: ModuleRolesOptions = {}): Promise<Record<string, string>> {
  const passwords = Object.fromEntries(
    SCHEMA_OWNERS.map((module) => [module, options.passwords?.[module] ?? randomBytes(18).toString('base64url')]),
  );
  const roles = SCHEMA_OWNERS.map(moduleRoleName);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['archipelago.module-roles']);
    const { rows } = await client.query<{ database: string }>('SELECT current_database() AS database');
    const database = rows[0].database;
    for (const module of SCHEMA_OWNERS) {
      await ensureLoginRole(client, moduleRoleName(module), passwords[module]);
      await ensureOwnedSchema(client, module, moduleRoleName(module), database);
    }
    for (const module of SCHEMA_OWNERS) {
      await closeSchemaToOthers(
        client,
        module,
        roles.filter((role) => role !== moduleRoleName(module)),
      );
    }
    await closeSharedPlaces(client, roles, database);
    await client.query('COMMIT');
    return moduleDatabaseUrls(adminUrl, passwords, database);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
