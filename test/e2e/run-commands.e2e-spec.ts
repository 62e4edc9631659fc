import { testPort } from '@app/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isAlive, readRunState } from '../../scripts/archipelago/run-state';

const run = promisify(execFile);
const CLI = join(__dirname, '..', '..', 'scripts', 'archipelago', 'main.ts');
const TS_NODE = join(__dirname, '..', '..', 'node_modules', '.bin', 'ts-node');
const BASE = 24900;
const http = `http://127.0.0.1:${testPort(BASE)}`;

/** The README's commands, as a user runs them: `npm run up|status|logs|down -- all-remote`. */
describe('npm run up / status / logs / down (all-remote, in the background)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'archipelago-up-'));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_FORMAT: 'json',
    ADMIN_EMAIL: 'admin@up.test',
    ADMIN_PASSWORD: 'a-long-admin-password',
    TOPOLOGY__processes__main__http__port: String(testPort(BASE)),
    TOPOLOGY__processes__auth__listen__port: String(testPort(BASE + 1)),
    TOPOLOGY__processes__billing__listen__port: String(testPort(BASE + 2)),
    TOPOLOGY__processes__notification__listen__port: String(testPort(BASE + 3)),
    TOPOLOGY__processes__audit__listen__port: String(testPort(BASE + 4)),
  };
  const cli = (...args: string[]) =>
    run(TS_NODE, ['--transpile-only', CLI, ...args], { env, timeout: 90_000 }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, stdout: `${error.stdout}${error.stderr}` }),
    );

  afterAll(async () => {
    await cli('down', 'all-remote');
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('starts every process, modules before the gateway, and shows each one healthy', async () => {
    const { code, stdout } = await cli('up', 'all-remote', '--detach', '--no-build');
    expect(code).toBe(0);
    for (const name of ['auth', 'billing', 'notification', 'audit', 'main'])
      expect(stdout).toMatch(new RegExp(`^${name}\\s+\\d+\\s+up\\s`, 'm'));
    const state = readRunState(dataDir)!;
    expect(state.processes.map((p) => p.name)).toEqual(['auth', 'billing', 'notification', 'audit', 'main']);
    expect((await cli('status', 'all-remote')).code).toBe(0);
  }, 120_000);

  it('hands ADMIN_* to the process that hosts auth only, so the admin can log in through the gateway', async () => {
    const login = await fetch(`${http}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@up.test', password: 'a-long-admin-password' }),
    });
    expect(login.status).toBe(200);
    const mainLog = (await cli('logs', 'all-remote', 'main')).stdout;
    expect(mainLog).toContain('process \\"main\\" of topology \\"all-remote\\" is up');
    expect(mainLog).not.toContain('ADMIN_EMAIL/ADMIN_PASSWORD are ignored');
  });

  it('writes LOG_FORMAT=json as one JSON object per line, with a line per request carrying its trace ID', async () => {
    const lines = (await cli('logs', 'all-remote', 'main')).stdout.trim().split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const login = records.find((r) => r.context === 'Http' && r.path === '/auth/login');
    expect(login).toMatchObject({
      level: 'log',
      process: 'main',
      method: 'POST',
      status: 200,
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(typeof login!.durationMs).toBe('number');
  });

  it('names the processes when asked for the log of one that does not exist', async () => {
    const { code, stdout } = await cli('logs', 'all-remote', 'biling');
    expect(code).toBe(2);
    expect(stdout).toContain('auth, billing, notification, audit, main');
  });

  it('npm run call sends one message through the real envelope to the process running its module, as the admin', async () => {
    const plans = await cli('call', 'billing.plans.list.v1', '{}', '--topology', 'all-remote');
    expect(plans.code).toBe(0);
    expect(JSON.parse(plans.stdout)).toMatchObject({ plans: expect.arrayContaining([expect.objectContaining({ id: 'basic-monthly' })]) });
    const me = await cli('call', 'auth.user.me.v1', '{}', '--topology', 'all-remote');
    expect(JSON.parse(me.stdout)).toMatchObject({ email: 'admin@up.test', roles: expect.arrayContaining(['admin']) });
    const invalid = await cli('call', 'billing.subscription.create.v1', '{"planId":""}', '--topology', 'all-remote');
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toMatch(/400 VALIDATION_FAILED[\s\S]*paymentToken/);
    const unknown = await cli('call', 'billing.plans.steal.v1', '{}', '--topology', 'all-remote');
    expect(unknown.stdout).toContain('404 UNKNOWN_PATTERN');
  }, 60_000);

  it('stops every process with SIGTERM and forgets the run', async () => {
    const pids = readRunState(dataDir)!.processes.map((p) => p.pid);
    expect((await cli('down', 'all-remote')).code).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
    expect((await cli('status', 'all-remote')).code).toBe(1);
  }, 60_000);

  it('refuses a wrong topology with the same message a process gives at start', async () => {
    const { code, stdout } = await run(TS_NODE, ['--transpile-only', CLI, 'up', 'all-remote', '--no-build'], {
      env: { ...env, TOPOLOGY__modules__audit__process: 'adit' },
    }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stdout: error.stderr }),
    );
    expect(code).toBe(1);
    expect(stdout).toContain('modules.audit.process must name one of the processes');
  });
});
