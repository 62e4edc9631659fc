import { join, resolve } from 'node:path';

/** One process of a topology, as `up` starts it. */
export interface PlannedProcess {
  /** What logs and the status table call it: the topology's process name, or `billing#2` for a replica (ADR 0028). */
  name: string;
  /** A replica's topology process (its PROCESS); absent when `name` is it. */
  process?: string;
  /** Which replica it is (its REPLICA, 1-based); absent when the process runs once. */
  replica?: number;
  modules: string[];
  http?: string;
  listen?: string;
  /** A nats-server `up` started for a bus (stopped after the processes). */
  broker?: boolean;
  /** The PostgreSQL `up` started for the modules that need one (stopped last); `modules` are those it serves. */
  postgres?: boolean;
}

/** A NATS server on this machine that a bus of the topology names: `up` starts it if nothing listens there. */
export interface PlannedBroker {
  bus: string;
  host: string;
  port: number;
}

export interface TopologyPlan {
  topology: string;
  dataDir: string;
  brokers: PlannedBroker[];
  /** Module hosts first, then the processes that serve HTTP (they call the others). */
  processes: PlannedProcess[];
}

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const MAIN_JS = join(REPO_ROOT, 'dist', 'apps', 'server', 'src', 'main.js');

interface KernelTopology {
  spec: {
    processes: Record<
      string,
      { http?: { host: string; port: number }; listen?: { host: string; port: number }; bus?: string; replicas?: number }
    >;
    buses?: Record<string, { transport: string; servers: string[] }>;
  };
  deployedModules: string[];
  processOf(module: string): string;
}

/** The kernel's own loader from the build, so `up` validates a topology exactly as a process does. */
async function loadWithKernel(topology: string, env: NodeJS.ProcessEnv): Promise<KernelTopology> {
  const loader = join(REPO_ROOT, 'dist', 'libs', 'platform', 'src', 'config', 'load-topology.js');
  const platform = (await import(loader)) as { loadTopology(env: NodeJS.ProcessEnv, cwd: string): KernelTopology };
  return platform.loadTopology({ ...env, TOPOLOGY: topology, PROCESS: undefined }, REPO_ROOT);
}

export async function planTopology(topology: string, env: NodeJS.ProcessEnv = process.env): Promise<TopologyPlan> {
  const loaded = await loadWithKernel(topology, env);
  const processes = Object.entries(loaded.spec.processes).flatMap(([name, spec]) => {
    const planned: PlannedProcess = {
      name,
      modules: loaded.deployedModules.filter((module) => loaded.processOf(module) === name),
      listen: spec.listen ? `tcp://${spec.listen.host}:${spec.listen.port}` : spec.bus ? `nats bus "${spec.bus}"` : undefined,
    };
    return replicasOf(planned, spec.replicas ?? 1).map((replica) => ({ ...replica, http: httpOf(spec.http, replica.replica ?? 1) }));
  });
  processes.sort((a, b) => Number(Boolean(a.http)) - Number(Boolean(b.http)));
  const dataDir = resolve(REPO_ROOT, env.DATA_DIR || join('data', topology.replace(/[^a-zA-Z0-9_-]/g, '_')));
  return { topology, dataDir, brokers: localBrokers(loaded), processes };
}

/** One process as is, or its replicas `billing#1`, `billing#2`, … each started with PROCESS=billing and its REPLICA (ADR 0028). */
function replicasOf(planned: PlannedProcess, replicas: number): PlannedProcess[] {
  if (replicas === 1) return [planned];
  return Array.from({ length: replicas }, (_, index) => ({
    ...planned,
    name: `${planned.name}#${index + 1}`,
    process: planned.name,
    replica: index + 1,
  }));
}

/** Where a replica serves HTTP: replica n on `http.port + n - 1` (ADR 0030). */
function httpOf(http: { host: string; port: number } | undefined, replica: number): string | undefined {
  return http && `http://${http.host}:${http.port + replica - 1}`;
}

/** Loopback NATS servers the topology's buses name (a remote broker is someone else's to run). */
function localBrokers(loaded: KernelTopology): PlannedBroker[] {
  return Object.entries(loaded.spec.buses ?? {}).flatMap(([bus, spec]) =>
    spec.servers
      .map((server) => new URL(server))
      .filter((url) => url.hostname === '127.0.0.1' || url.hostname === 'localhost')
      .map((url) => ({ bus, host: '127.0.0.1', port: Number(url.port || 4222) })),
  );
}
