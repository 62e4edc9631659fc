import { join } from 'node:path';
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
    const file = join(system.dataDir, 'audit.sqlite');
    const triggers = await runSql(file, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'");
    for (const { name } of triggers) await runSql(file, `DROP TRIGGER "${String(name)}"`);
    await runSql(file, `UPDATE audit_entries SET payload = '{"tampered":true}' WHERE seq = 2`);
    const after = await system.http('GET', '/audit/verify', { token: context.adminToken() });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ valid: false, firstBroken: { seq: 2 } });
  });
}
