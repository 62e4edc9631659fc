import { join } from 'node:path';
import { runPostgresSql } from '../support/postgres-sql';
import { runSql } from '../support/sqlite-file';
import { ScenarioContext } from './scenario-context';

/** Runs last: it breaks the chain on purpose. */
export function auditChainScenario(context: ScenarioContext): void {
  const { system } = context;

  it('verifies the audit chain, then detects a row edited in the database file', async () => {
    const before = await system.http('GET', '/audit/verify', { token: context.adminToken() });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ valid: true });
    expect(before.body.entries).toBeGreaterThan(3);
    await (context.postgresUrl ? tamperInPostgres(context.postgresUrl) : tamperInSqliteFile(join(system.dataDir, 'audit.sqlite')));
    const after = await system.http('GET', '/audit/verify', { token: context.adminToken() });
    expect(after.status).toBe(200);
    expect(after.body.valid).toBe(false);
    expect(after.body.problems).toContainEqual(expect.objectContaining({ kind: 'edited', seq: 2 }));
  });
}

/** What someone with the database file could do: drop the append-only triggers, edit entry 2. */
async function tamperInSqliteFile(file: string): Promise<void> {
  const triggers = await runSql(file, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'");
  for (const { name } of triggers) await runSql(file, `DROP TRIGGER "${String(name)}"`);
  await runSql(file, `UPDATE audit_entries SET payload = '{"tampered":true}' WHERE seq = 2`);
}

/** The same with a superuser connection to PostgreSQL (schema `audit`). */
async function tamperInPostgres(url: string): Promise<void> {
  const triggers = await runPostgresSql(
    url,
    "SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE event_object_schema = 'audit' AND event_object_table = 'audit_entries'",
  );
  for (const { trigger_name: name } of triggers) await runPostgresSql(url, `DROP TRIGGER "${String(name)}" ON audit.audit_entries`);
  await runPostgresSql(url, `UPDATE audit.audit_entries SET payload = '{"tampered":true}' WHERE seq = 2`);
}
