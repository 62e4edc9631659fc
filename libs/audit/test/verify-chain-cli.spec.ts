import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVerifyChainCli } from '../src/verify-chain/verify-chain.cli';
import { AuditTestApp, eventually, startAuditTestApp } from './support/audit-test-app';
import { asAdmin, userRegistered } from './support/events';
import { dropAppendOnlyTriggers, runSql } from './support/sqlite-file';

/** Runs the CLI as `npm run audit:verify -- …` would, collecting what it prints. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runVerifyChainCli(args, env, (line) => lines.push(line));
  return { code, output: lines.join('\n') };
}

describe('npm run audit:verify', () => {
  let audit: AuditTestApp;

  beforeAll(async () => {
    audit = await startAuditTestApp();
    for (let i = 0; i < 4; i++) await audit.deliver(userRegistered());
    await eventually(async () => expect((await asAdmin(() => audit.gateway.verifyChain())).checkpoint?.seq).toBe(4), 5000);
  });

  afterAll(() => audit?.close());

  it('exits 0 on an intact log and says what it checked against', async () => {
    const { code, output } = await cli(['--data-dir', audit.dataDir]);

    expect(code).toBe(0);
    expect(output).toMatch(/^audit log: VALID\n {2}entries: 4 \(0 legacy, unkeyed\), head [0-9a-f]{64}\n {2}checkpoint: entry 4 at /);
  });

  it('takes DATA_DIR from the environment when --data-dir is not given', async () => {
    await expect(cli([], { DATA_DIR: audit.dataDir })).resolves.toMatchObject({ code: 0 });
  });

  it('exits 2 with the usage on unknown arguments, and 0 with it on --help', async () => {
    await expect(cli(['--data-dir'])).resolves.toMatchObject({ code: 2, output: expect.stringContaining('usage: npm run audit:verify') });
    await expect(cli(['--verbose'])).resolves.toMatchObject({
      code: 2,
      output: expect.stringContaining('unexpected arguments: --verbose'),
    });
    await expect(cli(['--help'])).resolves.toMatchObject({ code: 0, output: expect.stringContaining('Exit code: 0 valid') });
  });

  it('exits 2 naming what is missing: the database, or the chain key', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'audit-cli-'));
    const badKey = join(empty, 'short.key');
    writeFileSync(badKey, 'abcd');

    await expect(cli(['--data-dir', empty], { AUDIT_CHAIN_KEY_FILE: join(audit.dataDir, 'audit-chain.key') })).resolves.toMatchObject({
      code: 2,
      output: expect.stringContaining('no audit database at'),
    });
    await expect(cli(['--data-dir', audit.dataDir], { AUDIT_CHAIN_KEY_FILE: badKey })).resolves.toMatchObject({
      code: 2,
      output: expect.stringContaining('AUDIT_CHAIN_KEY_FILE: '),
    });
    await expect(cli(['--data-dir', audit.dataDir], { NODE_ENV: 'production' })).resolves.toMatchObject({
      code: 2,
      output: expect.stringContaining('AUDIT_CHAIN_KEY_FILE is required when NODE_ENV=production'),
    });
  });

  it('exits 1 and lists each problem when the log was tampered with', async () => {
    await dropAppendOnlyTriggers(audit.databaseFile);
    await runSql(audit.databaseFile, `UPDATE audit_entries SET payload = '{"tampered":true}' WHERE seq = 2`);
    await runSql(audit.databaseFile, 'DELETE FROM audit_entries WHERE seq = 4');

    const { code, output } = await cli(['--data-dir', audit.dataDir]);

    expect(code).toBe(1);
    expect(output).toContain('audit log: TAMPERED');
    expect(output).toContain('  edited at entry 2: entry 2 does not match its MAC');
    expect(output).toContain('  truncated at entry 4: the log ends at entry 3');
  });
});
