/**
 * `npm run bench`: what a module split costs. Starts the built program in two topologies and
 * measures an authenticated request (gateway → auth.token.verify.v1 → auth.user.me.v1) and a
 * signup (five modules, outbox, SMTP-less) — latency percentiles, throughput, memory per process.
 * Loopback only; bounded request counts; it stops what it starts.
 */
import { execFileSync } from 'node:child_process';
import { newAccount } from '../test/support/accounts';
import { SystemUnderTest } from '../test/support/system-under-test';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function measure(label: string, request: () => Promise<number>, count: number): Promise<void> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next++ < count) {
      const t0 = performance.now();
      const status = await request();
      if (status >= 400) throw new Error(`${label}: HTTP ${status}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  console.log(`  ${label.padEnd(28)} ${String(Math.round(count / seconds)).padStart(6)} req/s   p50 ${pct(50)} ms   p99 ${pct(99)} ms`);
}

function rssMb(pid: number | undefined): string {
  if (!pid) return '-';
  const kb = Number(
    execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
      .toString()
      .trim(),
  );
  return `${Math.round(kb / 1024)} MB`;
}

async function benchTopology(topology: string, portBase: number): Promise<void> {
  const system = new SystemUnderTest(topology, portBase, { NOTIFICATION_DISPATCH_INTERVAL_MS: '1000' });
  await system.start();
  try {
    console.log(`\n${topology} (${REQUESTS} requests, concurrency ${CONCURRENCY})`);
    const user = await newAccount(system, 'bench');
    await measure('GET /auth/me', async () => (await system.http('GET', '/auth/me', { token: user.token })).status, REQUESTS);
    let n = 0;
    const signup = async () =>
      (
        await system.http('POST', '/signup', {
          body: {
            email: `bench-${portBase}-${n++}@bench.test`,
            password: 'bench-password-1',
            planId: 'basic-monthly',
            paymentToken: 'tok_ok',
          },
        })
      ).status;
    await measure('POST /signup', signup, Math.ceil(REQUESTS / 10));
    const memory = [...system.processes.values()].map((process) => `${process.name} ${rssMb(process.pid)}`).join(', ');
    console.log(`  resident memory: ${memory}`);
  } finally {
    await system.stop();
  }
}

async function main(): Promise<void> {
  await benchTopology('monolith', 24000);
  await benchTopology('all-remote', 24100);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
