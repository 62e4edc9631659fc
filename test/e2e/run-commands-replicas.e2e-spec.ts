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

/** `npm run up -- nats-replicas`: billing started twice, as billing#1 and billing#2, on PostgreSQL (ADR 0028). */
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
  const onPostgres = () => ({ BILLING_DATABASE_URL: postgres.moduleUrls().BILLING_DATABASE_URL });

  beforeAll(() => postgres.start(), 60_000);
  afterAll(async () => {
    await cli(onPostgres(), 'down', 'nats-replicas');
    postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('without BILLING_DATABASE_URL, starts a PostgreSQL of its own in the data dir for billing, and stops it after the replicas', async () => {
    const { code, stdout } = await cli({}, 'up', 'nats-replicas', '--detach', '--no-build', `--postgres-port=${ownPostgresPort}`);
    if (code !== 0) throw new Error(`up exited ${code}:\n${stdout}`);
    expect(stdout).toMatch(
      new RegExp(`^postgres\\s+\\d+\\s+up\\s+\\(database of billing\\)\\s+postgres://postgres@127.0.0.1:${ownPostgresPort}/`, 'm'),
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
    expect(stdout).toContain('BILLING_DATABASE_URL is not set and PostgreSQL 15 is not installed');
    expect(stdout).toContain('apt-get install -y postgresql-15');
    expect(readRunState(dataDir)).toBeUndefined();
  });

  it('refuses a PostgreSQL port that is taken, naming --postgres-port', async () => {
    const { code, stdout } = await cli({}, 'up', 'nats-replicas', '--detach', '--no-build', `--postgres-port=${postgres.port}`);
    expect(code).toBe(1);
    expect(stdout).toContain(`127.0.0.1:${postgres.port} is taken for the PostgreSQL up would start`);
    expect(stdout).toContain('--postgres-port=<port>');
  });

  it('with BILLING_DATABASE_URL set, starts billing#1 and billing#2 on it, both healthy in the status table, and stops both', async () => {
    const { code, stdout } = await cli(onPostgres(), 'up', 'nats-replicas', '--detach', '--no-build');
    if (code !== 0) throw new Error(`up exited ${code}:\n${stdout}`);
    expect(stdout).not.toMatch(/^postgres\s/m);
    for (const name of ['auth', 'billing#1', 'billing#2', 'notification', 'audit', 'main'])
      expect(stdout).toMatch(new RegExp(`^${name}\\s+\\d+\\s+up\\s`, 'm'));
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
    expect(billing.filter((p) => isAlive(p.pid))).toEqual([]);
  }, 120_000);
});
