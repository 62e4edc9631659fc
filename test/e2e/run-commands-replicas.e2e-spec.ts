import { PostgresCluster, testPort } from '@app/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isAlive, readRunState } from '../../scripts/archipelago/run-state';

const run = promisify(execFile);
const CLI = join(__dirname, '..', '..', 'scripts', 'archipelago', 'main.ts');
const TS_NODE = join(__dirname, '..', '..', 'node_modules', '.bin', 'ts-node');
const BASE = 25300;

/**
 * `npm run up -- nats-replicas`: billing and auth started twice, as billing#1 and billing#2 (ADR
 * 0028), and the gateway twice, main#1 and main#2, each on its own port (ADR 0030).
 */
describe('npm run up / status / down with a replicated process (nats-replicas, in the background)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'archipelago-up-replicas-'));
  const postgres = new PostgresCluster(testPort(BASE) + 60);
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    TOPOLOGY__processes__main__http__port: String(testPort(BASE)),
    TOPOLOGY__buses__shared__servers: `nats://127.0.0.1:${testPort(BASE) + 70}`,
  };
  const cli = (extraEnv: Record<string, string>, ...args: string[]) =>
    run(TS_NODE, ['--transpile-only', CLI, ...args], { env: { ...env, ...extraEnv }, timeout: 90_000 }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, stdout: `${error.stdout}${error.stderr}` }),
    );
  const onPostgres = () => ({ GATEWAY_DATABASE_URL: postgres.url, AUTH_DATABASE_URL: postgres.url, BILLING_DATABASE_URL: postgres.url });
  const httpPort = testPort(BASE);

  beforeAll(() => postgres.start(), 60_000);
  afterAll(async () => {
    await cli(onPostgres(), 'down', 'nats-replicas');
    postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('refuses to start billing twice on SQLite, saying to set BILLING_DATABASE_URL', async () => {
    // auth's replicas are given their database, so billing's are the first to refuse
    const { code, stdout } = await cli({ AUTH_DATABASE_URL: postgres.url }, 'up', 'nats-replicas', '--detach', '--no-build');
    expect(code).not.toBe(0);
    expect(stdout).toMatch(/process "billing#[12]" exited before it was up/);
    expect(stdout).toContain('BILLING_DATABASE_URL must be set: processes.billing.replicas is 2');
    expect(readRunState(dataDir)).toBeUndefined();
  }, 120_000);

  it('starts billing#1 and billing#2, and main#1 and main#2 on their own ports, all healthy in the status table, and stops them', async () => {
    const { code, stdout } = await cli(onPostgres(), 'up', 'nats-replicas', '--detach', '--no-build');
    if (code !== 0) throw new Error(`up exited ${code}:\n${stdout}`);
    for (const name of ['auth#1', 'auth#2', 'billing#1', 'billing#2', 'notification', 'audit', 'main#1', 'main#2'])
      expect(stdout).toMatch(new RegExp(`^${name}\\s+\\d+\\s+up\\s`, 'm'));
    expect(stdout).toMatch(new RegExp(`^main#1\\s+\\d+\\s+up\\s+\\(gateway only\\)\\s+http://127\\.0\\.0\\.1:${httpPort}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^main#2\\s+\\d+\\s+up\\s+\\(gateway only\\)\\s+http://127\\.0\\.0\\.1:${httpPort + 1}$`, 'm'));
    const gateways = readRunState(dataDir)!.processes.filter((p) => p.name.startsWith('main'));
    expect(await Promise.all(gateways.map(async (p) => (await fetch(`${p.http}/health`)).status))).toEqual([200, 200]);
    const billing = readRunState(dataDir)!.processes.filter((p) => p.name.startsWith('billing'));
    expect(billing.map((p) => [p.name, p.process])).toEqual([
      ['billing#1', 'billing'],
      ['billing#2', 'billing'],
    ]);
    expect(billing.every((p) => isAlive(p.pid))).toBe(true);
    const status = await cli(onPostgres(), 'status', 'nats-replicas');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^billing#2\s+\d+\s+up\s+billing\s/m);

    expect((await cli(onPostgres(), 'down', 'nats-replicas')).code).toBe(0);
    expect([...billing, ...gateways].filter((p) => isAlive(p.pid))).toEqual([]);
  }, 120_000);
});
