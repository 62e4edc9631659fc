/**
 * `npm run bench`: the proof harness for "a kernel that costs almost nothing" (issue 9).
 *
 * Starts Archipelago (built program, monolith, all-remote and nats-all-remote topologies) and the peers in the
 * same run — Nest+Fastify hello, a plain Nest+Fastify+TypeORM app, a raw Nest TCP hop, raw Nest
 * ClientTCP, Moleculer 0.14 (TCP and local), a raw TypeORM insert loop — interleaves every row
 * (A B C …) for N rounds and reports medians, ratios against the issue's goals, RSS idle and after
 * each load, cold start, and the event → audit lag with the outbox drain after a sustained write
 * load. Prints markdown, writes JSON and the same markdown (bench/results/latest.{json,md}, or --out=….json).
 *
 *   npm run bench                      full run (3 rounds, 60 s sustained load; ~15 min)
 *   npm run bench -- --smoke           CI smoke run (BENCH_SMOKE=1): 1 round, ~1 s per row
 *   npm run bench -- --only=http,kernel   groups: http, kernel, insert, memory, cold-start, lag
 *
 * Loopback only, ports 28000–28999; every loop bounded in count and time; everything started is
 * stopped, also on failure.
 */
import 'tsconfig-paths/register';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Archipelago } from './cases/archipelago';
import { CallTarget } from './cases/call-target';
import { coldStartMs } from './cases/cold-start';
import { eventAuditLag } from './cases/event-audit-lag';
import { KernelCalls } from './cases/kernel-calls';
import { killAllChildren, PeerProcess } from './lib/children';
import { callLoad } from './lib/call-load';
import { httpLoad, HttpRequestSpec } from './lib/http-load';
import { BenchOptions, readOptions } from './lib/options';
import { median, medianSample, Sample } from './lib/stats';
import { MoleculerCalls } from './peers/moleculer-calls';
import { NestNatsCalls } from './peers/nest-nats-calls';
import { NestTcpCalls } from './peers/nest-tcp-calls';
import { typeormInsertLoop } from './peers/typeorm-insert-loop';
import { BenchResult, computeGoals, machine, renderMarkdown, RowResult } from './report';

const PORTS = {
  monolith: 28000,
  allRemote: 28100,
  /** every module on one NATS bus; its nats-server on 28770 (base + 70, as in the e2e specs). */
  natsAllRemote: 28700,
  hello: 28200,
  plain: 28210,
  hopGateway: 28220,
  hopService: 28221,
  kernelTcp: 28300,
  nestTcp: 28310,
  moleculerTcp: 28320,
  /** nats-servers of their own: the kernel over NATS, raw Nest over NATS. */
  kernelNats: 28330,
  nestNats: 28340,
  coldStart: 28400,
  lagMonolith: 28500,
  lagAllRemote: 28600,
};
/**
 * Archipelago's background work at the pace of its e2e tests (not its slower defaults). Logging,
 * metrics and spans stay as shipped: a line per request and per handled message is part of the
 * price the peers do not pay, and the ratios show it.
 */
const SYSTEM_ENV = { NOTIFICATION_DISPATCH_INTERVAL_MS: '1000' };

interface Row {
  id: string;
  label: string;
  unit: string;
  measure: (seconds: number) => Promise<Sample>;
}

const SUBSCRIBE = { planId: 'basic-monthly', paymentToken: 'tok_ok' };

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  const begun = performance.now();
  const result: BenchResult = {
    machine: machine(gitCommit()),
    mode: options.smoke ? 'smoke' : 'full',
    settings: { ...options, only: [...options.only] },
    rows: {},
    memory: null,
    coldStartMs: null,
    lag: [],
    goals: [],
    durationSeconds: 0,
    failures: [],
  };
  const cleanups: Array<[string, () => Promise<void>]> = [];
  const started = async <T extends { stop(): Promise<void> }>(name: string, thing: T, start: () => Promise<unknown>): Promise<T> => {
    log(`starting ${name}`);
    cleanups.push([name, () => thing.stop()]);
    await start();
    return thing;
  };
  const stopAll = async () => {
    for (const [name, stop] of cleanups.reverse())
      await stop().catch((error: unknown) => result.failures.push(`stopping ${name}: ${String(error)}`));
    cleanups.length = 0;
  };

  try {
    await measureRounds(options, result, started);
    await stopAll();
    if (options.only.has('cold-start')) await measureColdStart(options, result);
    if (options.only.has('lag')) await measureLag(options, result, started, stopAll);
  } finally {
    await stopAll();
    killAllChildren();
  }
  result.durationSeconds = Math.round((performance.now() - begun) / 1000);
  for (const row of Object.values(result.rows)) if (!(row.median.rps > 0)) result.failures.push(`${row.id}: no successful request`);
  result.goals = computeGoals(result);
  const markdown = renderMarkdown(result);
  const out = resolve(options.output);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log('\n' + markdown);
  writeFileSync(out.replace(/\.json$/, '') + '.md', markdown);
  log(`wrote ${out} and its .md`);
  if (result.failures.length > 0) {
    console.error(`bench: something broke (not a timing verdict):\n- ${result.failures.join('\n- ')}`);
    process.exitCode = 1;
  }
}

type Starter = <T extends { stop(): Promise<void> }>(name: string, thing: T, start: () => Promise<unknown>) => Promise<T>;

/** Everything measured in interleaved rounds: HTTP rows, kernel/peer calls, insert loop, RSS. */
async function measureRounds(options: BenchOptions, result: BenchResult, started: Starter): Promise<void> {
  const wantHttp = options.only.has('http');
  const wantMemory = options.only.has('memory');
  const rows: Row[] = [];
  let monolith: Archipelago | undefined;
  let allRemote: Archipelago | undefined;
  let natsAllRemote: Archipelago | undefined;

  if (wantHttp || wantMemory) {
    const mono = new Archipelago('monolith', PORTS.monolith, SYSTEM_ENV);
    const remote = new Archipelago('all-remote', PORTS.allRemote, SYSTEM_ENV);
    monolith = await started('Archipelago monolith', mono, () => mono.start());
    allRemote = await started('Archipelago all-remote', remote, () => remote.start());
    if (wantHttp) {
      const nats = new Archipelago('nats-all-remote', PORTS.natsAllRemote, SYSTEM_ENV);
      natsAllRemote = await started('Archipelago nats-all-remote', nats, () => nats.start());
    }
    if (wantMemory) result.memory = { monolith: { idle: mono.rss(), afterLoad: [] }, allRemote: { idle: remote.rss(), afterLoad: [] } };
  }

  if (wantHttp && monolith && allRemote && natsAllRemote) {
    const peer = <I>(name: string, file: string, env: Record<string, string>) => {
      const process = new PeerProcess<I>(file, env);
      return started(`peer: ${name}`, process, () => process.start()).then(() => process.info);
    };
    const hello = await peer<{ port: number }>('Nest+Fastify hello', 'hello.app.ts', { PORT: String(PORTS.hello) });
    const plain = await peer<{ port: number; token: string }>('plain Nest+Fastify+TypeORM', 'plain-typeorm.app.ts', {
      PORT: String(PORTS.plain),
    });
    await peer('raw Nest TCP service', 'nest-hop-service.app.ts', { PORT: String(PORTS.hopService) });
    const hop = await peer<{ port: number }>('raw Nest HTTP → TCP hop', 'nest-hop-gateway.app.ts', {
      PORT: String(PORTS.hopGateway),
      SERVICE_PORT: String(PORTS.hopService),
    });
    const url = (port: number, path: string) => `http://127.0.0.1:${port}${path}`;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const http = (id: string, label: string, connections: number, spec: () => HttpRequestSpec): Row => ({
      id,
      label,
      unit: 'req/s',
      measure: (seconds) => httpLoad(spec(), connections, seconds),
    });
    const mono = monolith;
    const remote = allRemote;
    const natsRemote = natsAllRemote;
    for (const c of [16, 50]) {
      rows.push(http(`hello-c${c}`, `Nest+Fastify hello GET /hello c${c}`, c, () => ({ url: url(hello.port, '/hello') })));
      rows.push(
        http(`plain-me-c${c}`, `plain Nest+TypeORM GET /me c${c}`, c, () => ({
          url: url(plain.port, '/me'),
          headers: bearer(plain.token),
        })),
      );
      rows.push(
        http(`mono-me-c${c}`, `monolith GET /auth/me c${c}`, c, () => ({ url: `${mono.baseUrl}/auth/me`, headers: bearer(mono.token) })),
      );
      rows.push(
        http(`remote-me-c${c}`, `all-remote GET /auth/me c${c}`, c, () => ({
          url: `${remote.baseUrl}/auth/me`,
          headers: bearer(remote.token),
        })),
      );
      rows.push(
        http(`nats-remote-me-c${c}`, `nats-all-remote GET /auth/me c${c}`, c, () => ({
          url: `${natsRemote.baseUrl}/auth/me`,
          headers: bearer(natsRemote.token),
        })),
      );
      rows.push(http(`hop-c${c}`, `raw Nest HTTP → ClientTCP → TCP service GET /me c${c}`, c, () => ({ url: url(hop.port, '/me') })));
    }
    const post = (base: string, path: string, token: string): HttpRequestSpec => ({
      url: `${base}${path}`,
      method: 'POST',
      headers: bearer(token),
      body: SUBSCRIBE,
    });
    rows.push(
      http('plain-sub-c16', 'plain Nest+TypeORM POST /subscriptions c16', 16, () =>
        post(url(plain.port, ''), '/subscriptions', plain.token),
      ),
    );
    rows.push(
      http('mono-sub-c16', 'monolith POST /billing/subscriptions c16', 16, () => post(mono.baseUrl, '/billing/subscriptions', mono.token)),
    );
    rows.push(
      http('remote-sub-c16', 'all-remote POST /billing/subscriptions c16', 16, () =>
        post(remote.baseUrl, '/billing/subscriptions', remote.token),
      ),
    );
  }

  if (options.only.has('kernel')) {
    const targets: Array<[string, CallTarget]> = [
      ['kernel-tcp', new KernelCalls('tcp', PORTS.kernelTcp)],
      ['nest-tcp', new NestTcpCalls(PORTS.nestTcp)],
      ['moleculer-tcp', new MoleculerCalls('tcp', PORTS.moleculerTcp)],
      ['kernel-nats', new KernelCalls('nats', PORTS.kernelNats)],
      ['nest-nats', new NestNatsCalls(PORTS.nestNats)],
      ['kernel-local', new KernelCalls('in-process', 0)],
      ['moleculer-local', new MoleculerCalls('local', 0)],
    ];
    for (const [id, target] of targets) {
      await started(target.name, target, () => target.start());
      for (const c of [1, 16])
        rows.push({
          id: `${id}-c${c}`,
          label: `${target.name}, concurrency ${c}`,
          unit: 'calls/s',
          measure: (seconds) => callLoad(() => target.call(), c, seconds),
        });
    }
  }

  if (options.only.has('insert'))
    rows.push({
      id: 'typeorm-insert',
      label: 'raw TypeORM + sqlite3 WAL insert loop',
      unit: 'inserts/s',
      measure: (seconds) => typeormInsertLoop(seconds),
    });

  const secondsFor = (row: Row) => (row.unit === 'req/s' ? options.httpSeconds : options.callSeconds);
  if (!options.smoke && rows.length > 0) {
    log('warm-up: every row once, 1 s, not recorded');
    for (const row of rows) await row.measure(1).catch((error: unknown) => log(`warm-up of ${row.id} failed: ${String(error)}`));
  }
  for (let round = 1; round <= options.rounds; round++) {
    for (const system of [monolith, allRemote, natsAllRemote]) if (system) await system.refreshToken();
    for (const row of rows) {
      let sample: Sample;
      try {
        sample = await row.measure(secondsFor(row));
      } catch (error) {
        result.failures.push(`${row.id} round ${round}: ${String(error)}`);
        sample = { rps: NaN, p50: NaN, p99: NaN, errors: 1 };
      }
      const entry: RowResult = (result.rows[row.id] ??= { id: row.id, label: row.label, unit: row.unit, rounds: [], median: sample });
      entry.rounds.push(sample);
      entry.median = medianSample(entry.rounds.filter((s) => !Number.isNaN(s.rps)));
      log(
        `round ${round}/${options.rounds} ${row.label}: ${Math.round(sample.rps)} ${row.unit}, p50 ${sample.p50.toFixed(2)} ms, p99 ${sample.p99.toFixed(2)} ms${sample.errors ? `, ${sample.errors} errors` : ''}`,
      );
    }
    if (result.memory && monolith && allRemote) {
      result.memory.monolith.afterLoad.push(monolith.rss());
      result.memory.allRemote.afterLoad.push(allRemote.rss());
      log(`RSS after load ${round}: monolith ${JSON.stringify(monolith.rss())}, all-remote ${JSON.stringify(allRemote.rss())}`);
    }
  }
  if (result.memory && !wantHttp) log('memory without http: RSS after load equals RSS after idle rounds');
}

async function measureColdStart(options: BenchOptions, result: BenchResult): Promise<void> {
  const runs: number[] = [];
  for (let i = 0; i < options.coldStarts; i++) {
    log(`cold start ${i + 1}/${options.coldStarts}`);
    runs.push(await coldStartMs(PORTS.coldStart + 10 * i));
  }
  result.coldStartMs = { runs, median: median(runs) };
}

async function measureLag(options: BenchOptions, result: BenchResult, started: Starter, stopAll: () => Promise<void>): Promise<void> {
  for (const [topology, port] of [
    ['monolith', PORTS.lagMonolith],
    ['all-remote', PORTS.lagAllRemote],
  ] as const) {
    const system = new Archipelago(topology, port, SYSTEM_ENV);
    const app = await started(`Archipelago ${topology} (lag)`, system, () => system.start());
    log(
      `${topology}: sustained POST /billing/subscriptions c16 for ${options.sustainedSeconds} s, then drain (limit ${options.drainLimitSeconds} s)`,
    );
    result.lag.push(await eventAuditLag(app, options.sustainedSeconds, options.drainLimitSeconds));
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  killAllChildren();
  process.exit(1);
});
