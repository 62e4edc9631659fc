/**
 * `npm run bench:profile -- <topology> [seconds] [concurrency]`: where a process spends its CPU
 * under `GET /auth/me` load. Starts the built program in the topology (monolith, all-remote or
 * nats-all-remote; a nats-server of its own for a bus) under V8's CPU profiler, loads `/auth/me`
 * with autocannon, stops the processes (a graceful exit writes each profile) and prints, per
 * process, the functions with the most self time and the share garbage collection took.
 * Open the `.cpuprofile` files in Chrome DevTools for the call tree. Ports 28900–28999.
 */
import 'tsconfig-paths/register';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Archipelago } from './cases/archipelago';
import { httpLoad } from './lib/http-load';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
}

/** Self time per function (name, file, line), as shares of all samples. */
function topFunctions(profile: CpuProfile, limit: number): string[] {
  const frameOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const counts = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = frameOf.get(id)!;
    const file = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/');
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = profile.samples.length;
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, count]) => `${((100 * count) / total).toFixed(1).padStart(5)} %  ${key}`);
}

async function main(): Promise<void> {
  const [topology = 'monolith', seconds = '10', concurrency = '16'] = process.argv.slice(2);
  if (!['monolith', 'all-remote', 'nats-all-remote'].includes(topology))
    throw new Error(`topology must be monolith, all-remote or nats-all-remote; got "${topology}"`);
  const directory = mkdtempSync(join(tmpdir(), 'archipelago-profile-'));
  const system = new Archipelago(topology as Archipelago['topology'], 28900, {
    // `--cpu-prof` is refused in NODE_OPTIONS: a preloaded file starts the same profiler
    NODE_OPTIONS: `--require ${join(__dirname, 'lib', 'cpu-profile.preload.js')}`,
    CPU_PROFILE_DIR: directory,
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => /^(LOG_|TRACES_)/.test(name)) as [string, string][]),
  });
  try {
    await system.start();
    const headers = { authorization: `Bearer ${system.token}` };
    await httpLoad({ url: `${system.baseUrl}/auth/me`, headers }, Number(concurrency), 2);
    const sample = await httpLoad({ url: `${system.baseUrl}/auth/me`, headers }, Number(concurrency), Number(seconds));
    console.log(`${topology} GET /auth/me c${concurrency}: ${Math.round(sample.rps)} req/s, p50 ${sample.p50} ms, p99 ${sample.p99} ms`);
  } finally {
    await system.stop();
  }
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(directory, file), 'utf8')) as CpuProfile;
    console.log(`\n${join(directory, file)} (${profile.samples.length} samples)`);
    for (const line of topFunctions(profile, 25)) console.log(line);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
