import { PostgresCluster, testPort } from '@app/testing';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  chmodSync(dataDir, 0o755); // under root, up's PostgreSQL runs as the postgres user, who must reach <data dir>/postgres
  const postgres = new PostgresCluster(testPort(BASE) + 60);
  const ownPostgresPort = testPort(BASE) + 61;
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
  const onPostgres = () => {
    const urls = postgres.moduleUrls();
    return {
      GATEWAY_DATABASE_URL: urls.GATEWAY_DATABASE_URL,
      AUTH_DATABASE_URL: urls.AUTH_DATABASE_URL,
      BILLING_DATABASE_URL: urls.BILLING_DATABASE_URL,
    };
  };
  const httpPort = testPort(BASE);

  beforeAll(() => postgres.start(), 60_000);
  afterAll(async () => {
    await cli(onPostgres(), 'down', 'nats-replicas');
    postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('without the database URLs, starts a PostgreSQL of its own in the data dir for the replicas, and stops it after them', async () => {
    const { code, stdout } = await cli({}, 'up', 'nats-replicas', '--detach', '--no-build', `--postgres-port=${ownPostgresPort}`);
    if (code !== 0) throw new Error(`up exited ${code}:\n${stdout}`);
    expect(stdout).toMatch(
      new RegExp(
        `^postgres\\s+\\d+\\s+up\\s+\\(database of [^)]*billing[^)]*\\)\\s+postgres://postgres@127.0.0.1:${ownPostgresPort}/`,
        'm',
      ),
    );
    expect(stdout).toMatch(/^billing#2\s+\d+\s+up\s+billing\s/m);
    expect(existsSync(join(dataDir, 'postgres', 'data', 'PG_VERSION'))).toBe(true);
    const running = readRunState(dataDir)!.processes;
    const postgresPid = running.find((p) => p.name === 'postgres')!.pid;

    expect((await cli({}, 'down', 'nats-replicas')).code).toBe(0);
    expect(running.filter((p) => isAlive(p.pid))).toEqual([]);
    expect(isAlive(postgresPid)).toBe(false);
    expect(readFileSync(join(dataDir, 'postgres', 'postgres.log'), 'utf8')).toContain('database system is shut down');
  }, 120_000);

  it('says how to install PostgreSQL 15, or which URL to set, when it is not installed', async () => {
    const { code, stdout } = await cli(
      { POSTGRES_BIN: join(dataDir, 'no-postgres-here') },
      'up',
      'nats-replicas',
      '--detach',
      '--no-build',
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/BILLING_DATABASE_URL.* not set and PostgreSQL 15 is not installed/);
    expect(stdout).toContain('apt-get install -y postgresql-15');
    expect(readRunState(dataDir)).toBeUndefined();
  });

  it('refuses a PostgreSQL port that is taken, naming --postgres-port', async () => {
    const { code, stdout } = await cli({}, 'up', 'nats-replicas', '--detach', '--no-build', `--postgres-port=${postgres.port}`);
    expect(code).toBe(1);
    expect(stdout).toContain(`127.0.0.1:${postgres.port} is taken for the PostgreSQL up would start`);
    expect(stdout).toContain('--postgres-port=<port>');
  });

  it('with the database URLs set, starts billing#1 and billing#2, and main#1 and main#2 on their own ports, all healthy in the status table, and stops them', async () => {
    const { code, stdout } = await cli(onPostgres(), 'up', 'nats-replicas', '--detach', '--no-build');
    if (code !== 0) throw new Error(`up exited ${code}:\n${stdout}`);
    expect(stdout).not.toMatch(/^postgres\s/m);
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
