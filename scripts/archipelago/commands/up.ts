import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isListening, startBroker } from '../broker';
import { launchAttached, launchDetached, LaunchOptions } from '../launched-process';
import { forgetRunState, isAlive, readRunState, saveRunState } from '../run-state';
import { printStatusTable, RunningProcess } from '../status-table';
import { missingDatabaseUrls, postgresPort, startPostgres } from '../postgres';
import { PlannedProcess, planTopology, REPO_ROOT, TopologyPlan } from '../topology-plan';
import { stopAll } from './down';

function build(): void {
  console.log('building once (npm run build)…');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/** `up <topology> [--detach] [--no-build] [--postgres] [--postgres-port=<port>]`: every process of the topology, modules first. */
export async function up(topology: string, flags: Set<string>): Promise<number> {
  if (!flags.has('--no-build')) build();
  const plan = await planTopology(topology);
  const earlier = readRunState(plan.dataDir);
  if (earlier?.processes.some((p) => isAlive(p.pid))) {
    console.error(`topology "${topology}" is already running from ${plan.dataDir}: npm run down -- ${topology}`);
    return 1;
  }
  mkdirSync(join(plan.dataDir, 'logs'), { recursive: true });
  const detached = flags.has('--detach');
  const services = await startServices(plan, flags, detached);
  if (!services) return 1;
  const options: LaunchOptions = { topology, dataDir: plan.dataDir, env: { ...process.env, ...services.env } };
  return detached ? upDetached(plan.processes, options, services.running) : upAttached(plan.processes, options, services.running);
}

type RunningService = RunningProcess & { log: string };

/**
 * What the processes need before they start: a PostgreSQL for the modules that must share a
 * database and have no URL, then the loopback nats-servers the buses name and nobody runs yet.
 * Undefined, after stopping what did start, if one of them failed.
 */
async function startServices(
  plan: TopologyPlan,
  flags: Set<string>,
  detached: boolean,
): Promise<{ running: RunningService[]; env: Record<string, string> } | undefined> {
  const running: RunningService[] = [];
  try {
    const missing = missingDatabaseUrls(plan, flags, process.env);
    const postgres = missing.length > 0 ? await startPostgres(plan, missing, postgresPort(flags)) : undefined;
    if (postgres) running.push(postgres.entry);
    for (const broker of plan.brokers) {
      if (await isListening(broker.host, broker.port)) continue;
      const log = join(plan.dataDir, 'logs', `nats-${broker.bus}.log`);
      const pid = await startBroker(broker, log, detached);
      running.push({ name: `nats-${broker.bus}`, modules: [], listen: `nats://${broker.host}:${broker.port}`, broker: true, pid, log });
    }
    return { running, env: postgres?.urls ?? {} };
  } catch (error) {
    console.error((error as Error).message);
    await stopAll(running);
    return undefined;
  }
}

/** Module hosts start together, then the processes serving HTTP (they call the others). */
function waves(processes: PlannedProcess[]): PlannedProcess[][] {
  return [processes.filter((p) => !p.http), processes.filter((p) => p.http)].filter((wave) => wave.length > 0);
}

async function upDetached(processes: PlannedProcess[], options: LaunchOptions, services: RunningService[]): Promise<number> {
  const running: RunningService[] = [...services];
  const save = () => saveRunState(options.dataDir, { topology: options.topology, startedAt: new Date().toISOString(), processes: running });
  try {
    for (const wave of waves(processes)) {
      const launched = wave.map((planned) => {
        const log = join(options.dataDir, 'logs', `${planned.name}.log`);
        const started = launchDetached(planned, log, options);
        running.push({ ...planned, log, pid: started.pid });
        return started.up;
      });
      save();
      await Promise.all(launched);
    }
  } catch (error) {
    console.error((error as Error).message);
    await stopAll(running);
    forgetRunState(options.dataDir);
    return 1;
  }
  await printStatusTable(running);
  console.log(`\nrunning in the background; data in ${options.dataDir}. Stop with: npm run down -- ${options.topology}`);
  return 0;
}

async function upAttached(processes: PlannedProcess[], options: LaunchOptions, services: RunningProcess[]): Promise<number> {
  const width = Math.max(...processes.map((p) => p.name.length));
  const running: RunningProcess[] = [...services];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping every process (SIGTERM, graceful drain)…');
    await stopAll(running);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  try {
    for (const wave of waves(processes)) {
      const launched = wave.map((planned) => {
        const started = launchAttached(planned, processes.indexOf(planned), width, options);
        running.push({ ...planned, pid: started.pid });
        void started.exited.then(({ code, signal }) => {
          if (stopping) return;
          console.error(`process "${planned.name}" exited (${signal ?? `code ${code}`}); stopping the others`);
          void stop(1);
        });
        return started.up;
      });
      await Promise.all(launched);
    }
  } catch (error) {
    console.error((error as Error).message);
    await stop(1);
    return 1;
  }
  console.log('');
  await printStatusTable(running);
  console.log(`\nall up; data in ${options.dataDir}. Ctrl-C stops everything.`);
  return new Promise<number>(() => undefined); // runs until Ctrl-C stops every process and exits
}
