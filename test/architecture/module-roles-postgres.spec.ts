import { CALLER_NAMES } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { readPlatformConfig } from '@app/platform';
import { PostgresCluster, testPort } from '@app/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
// How a module opens its database at start (migrations under the advisory lock, the production
// warning): the kernel's own function, which its index keeps to itself.
import { openModuleDatabase } from '../../libs/platform/src/database/open-module-database';
import { setUpModuleRoles } from '../../scripts/postgres/module-roles';
import { runPostgresSql } from '../support/postgres-sql';

/**
 * ADR 0031, proven at the database: each module's role (made by `npm run postgres:roles`'s
 * set-up) works in its own schema and is refused everywhere else — another module's tables, a
 * new table there or in `public`, a schema of its own making.
 */
const postgres = new PostgresCluster(testPort(26200) + 60);
const urls = postgres.moduleUrls();
const as = (variable: string, sql: string) => runPostgresSql(urls[variable], sql);
const asAuth = (sql: string) => as('AUTH_DATABASE_URL', sql);
const asBilling = (sql: string) => as('BILLING_DATABASE_URL', sql);
const TS_NODE = join(__dirname, '..', '..', 'node_modules', '.bin', 'ts-node');
const ROLES_CLI = join(__dirname, '..', '..', 'scripts', 'postgres', 'main.ts');
const noSchemas = { entities: [], migrations: [] };
/** The passwords the cluster gave each module, read back from its URLs. */
const passwords = Object.fromEntries(
  Object.entries(urls).map(([variable, url]) => [variable.replace('_DATABASE_URL', '').toLowerCase(), new URL(url).password]),
);

const open = (module: 'auth' | 'billing' | 'notification', url: string, production = false) =>
  openModuleDatabase(
    module,
    noSchemas,
    readPlatformConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'archipelago-roles-')),
      [`${module.toUpperCase()}_DATABASE_URL`]: url,
      ...(production ? { NODE_ENV: 'production', JWT_SECRET: 'module-roles-spec-secret-0123456789abcdef' } : {}),
    }),
  );

describe('a role per module on PostgreSQL', () => {
  beforeAll(async () => {
    await postgres.start();
    const auth = await open('auth', urls.AUTH_DATABASE_URL);
    await auth.dataSource.destroy();
    await asAuth('CREATE TABLE auth.users (id text PRIMARY KEY, email text)');
    await asAuth("INSERT INTO auth.users VALUES ('u1', 'someone@example.com')");
  }, 60_000);
  afterAll(() => postgres.stop());

  it('makes a role owning a schema for every module the contracts name, and for the gateway', async () => {
    const owners = await runPostgresSql(
      postgres.url,
      `SELECT nspname AS schema, pg_get_userbyid(nspowner) AS owner FROM pg_namespace
        WHERE nspname IN (${CALLER_NAMES.map((name) => `'${name}'`).join(', ')}) ORDER BY nspname`,
    );
    expect(owners).toEqual([...CALLER_NAMES].sort().map((name) => ({ schema: name, owner: `archipelago_${name}` })));
    expect(Object.keys(urls)).toEqual(CALLER_NAMES.map((name) => `${name.toUpperCase()}_DATABASE_URL`));
  });

  it("lets auth's role migrate its schema under the advisory lock, and use its own tables", async () => {
    expect(await asAuth('SELECT email FROM auth.users')).toEqual([{ email: 'someone@example.com' }]);
    expect(await asAuth('SELECT count(*)::int AS n FROM auth.outbox_messages')).toEqual([{ n: 0 }]);
    expect(await asAuth('SELECT count(*)::int AS n FROM users')).toEqual([{ n: 1 }]);
  });

  it("refuses billing's role any read of auth's tables", async () => {
    await expect(asBilling('SELECT * FROM auth.users')).rejects.toThrow('permission denied for schema auth');
    await expect(asBilling('SELECT * FROM auth.outbox_messages')).rejects.toThrow('permission denied for schema auth');
  });

  it("refuses billing's role a table in another module's schema, in public, or a schema of its own", async () => {
    await expect(asBilling('CREATE TABLE auth.stolen (id int)')).rejects.toThrow('permission denied for schema auth');
    await expect(asBilling('CREATE TABLE public.shared (id int)')).rejects.toThrow('permission denied for schema public');
    await expect(asBilling('CREATE SCHEMA elsewhere')).rejects.toThrow('permission denied for database');
    await expect(asBilling('CREATE TABLE billing.own (id int)')).resolves.toEqual([]);
  });

  it('gives the superuser, the auditor of reconciliations, every schema', async () => {
    expect(await runPostgresSql(postgres.url, 'SELECT count(*)::int AS n FROM auth.users')).toEqual([{ n: 1 }]);
  });

  it('runs again without harm, puts back what drifted, and hands over what an earlier superuser set-up left in a schema', async () => {
    await runPostgresSql(postgres.url, 'CREATE TABLE billing.legacy (id serial PRIMARY KEY)');
    // Drift a set-up must put back: a grant across schemas, and PostgreSQL 14's CREATE on public for everyone.
    await runPostgresSql(
      postgres.url,
      'GRANT USAGE ON SCHEMA auth TO archipelago_billing; GRANT SELECT ON auth.users TO archipelago_billing',
    );
    await runPostgresSql(postgres.url, 'GRANT CREATE ON SCHEMA public TO PUBLIC');
    expect(await asBilling('SELECT count(*)::int AS n FROM auth.users')).toEqual([{ n: 1 }]);
    const again = await setUpModuleRoles(postgres.url, { passwords: { ...passwords, auth: 'a-new-password' } });
    expect(Object.keys(again)).toEqual(Object.keys(urls));
    expect(await runPostgresSql(again.AUTH_DATABASE_URL, 'SELECT count(*)::int AS n FROM users')).toEqual([{ n: 1 }]);
    await expect(asBilling('ALTER TABLE billing.legacy ADD COLUMN note text')).resolves.toEqual([]);
    await expect(asBilling("INSERT INTO billing.legacy (note) VALUES ('x')")).resolves.toEqual([]);
    await expect(asBilling('SELECT * FROM auth.users')).rejects.toThrow('permission denied for schema auth');
    await expect(asBilling('CREATE TABLE public.shared (id int)')).rejects.toThrow('permission denied for schema public');
    await expect(asAuth('SELECT 1')).rejects.toThrow('password authentication failed');
    await setUpModuleRoles(postgres.url, { passwords });
  });

  it('refuses to start a module whose role does not own its tables yet, saying to run the set-up again', async () => {
    await runPostgresSql(postgres.url, 'CREATE TABLE auth.left_by_the_superuser (id int)');
    await expect(open('auth', urls.AUTH_DATABASE_URL)).rejects.toThrow(
      /AUTH_DATABASE_URL[\s\S]*left_by_the_superuser \(owned by postgres\)[\s\S]*run npm run postgres:roles -- <superuser-url> again/,
    );
    await setUpModuleRoles(postgres.url, { passwords });
    await (await open('auth', urls.AUTH_DATABASE_URL)).dataSource.destroy();
  });

  it('prints the export lines a user pastes, keeping the passwords given as <MODULE>_DATABASE_PASSWORD', async () => {
    const chosen = Object.fromEntries(
      Object.entries(passwords).map(([module, password]) => [`${module.toUpperCase()}_DATABASE_PASSWORD`, password]),
    );
    const { stdout } = await promisify(execFile)(TS_NODE, ['--transpile-only', ROLES_CLI, postgres.url], {
      env: { ...process.env, ...chosen },
    });
    expect(stdout.trim().split('\n')).toEqual(Object.entries(urls).map(([variable, url]) => `export ${variable}='${url}'`));
    expect(await asBilling('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  }, 60_000);

  describe('in production, at start', () => {
    let warn: jest.SpyInstance;
    beforeEach(() => (warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined)));
    afterEach(() => warn.mockRestore());

    it('warns once that a connection as the superuser reads every schema', async () => {
      const notification = await open('notification', postgres.url, true);
      await notification.dataSource.destroy();
      expect(warn.mock.calls).toEqual([
        [expect.stringMatching(/^notification's database connection \(role postgres\) can read as a superuser, every schema/)],
      ]);
    });

    it("warns that a role shared by two modules reads the other's schema", async () => {
      await runPostgresSql(postgres.url, 'GRANT USAGE ON SCHEMA auth TO archipelago_billing');
      try {
        const billing = await open('billing', urls.BILLING_DATABASE_URL, true);
        await billing.dataSource.destroy();
      } finally {
        await runPostgresSql(postgres.url, 'REVOKE USAGE ON SCHEMA auth FROM archipelago_billing');
      }
      expect(warn.mock.calls).toEqual([[expect.stringContaining('(role archipelago_billing) can read schema auth, not only "billing"')]]);
    });

    it("says nothing when the connection is the module's own role", async () => {
      const billing = await open('billing', urls.BILLING_DATABASE_URL, true);
      await billing.dataSource.destroy();
      expect(warn).not.toHaveBeenCalled();
    });
  });
});
