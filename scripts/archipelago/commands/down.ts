import { forgetRunState, isAlive, readRunState } from '../run-state';
import { planTopology } from '../topology-plan';

const GRACE_MS = 15_000;

interface Stoppable {
  name: string;
  pid: number;
  http?: string;
  broker?: boolean;
  postgres?: boolean;
}

/**
 * SIGTERM every process (they drain, ADR 0017), then the brokers they drained through, then
 * PostgreSQL with SIGINT (its fast shutdown) once nothing writes to it any more. Returns the
 * names in the order they were stopped.
 */
export async function stopAll(processes: Stoppable[]): Promise<string[]> {
  const [modules, brokers, databases] = [
    processes.filter((p) => !p.broker && !p.postgres),
    processes.filter((p) => p.broker),
    processes.filter((p) => p.postgres),
  ];
  await stopTogether(modules);
  await stopTogether(brokers);
  await stopTogether(databases, 'SIGINT');
  return [...modules, ...brokers, ...databases].map((p) => p.name);
}

/** Signals each, HTTP processes first; SIGKILL what is left after the grace. */
async function stopTogether(processes: Stoppable[], signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const order = [...processes].sort((a, b) => Number(Boolean(b.http)) - Number(Boolean(a.http)));
  for (const p of order) if (isAlive(p.pid)) process.kill(p.pid, signal);
  const deadline = Date.now() + GRACE_MS;
  while (Date.now() < deadline && order.some((p) => isAlive(p.pid))) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const p of order.filter((q) => isAlive(q.pid))) {
    console.error(`process "${p.name}" (pid ${p.pid}) did not stop within ${GRACE_MS} ms: SIGKILL`);
    process.kill(p.pid, 'SIGKILL');
  }
}

/** `down <topology>`: stops a run started with `up --detach`. */
export async function down(topology: string): Promise<number> {
  const { dataDir } = await planTopology(topology);
  const state = readRunState(dataDir);
  if (!state) {
    console.log(`nothing of topology "${topology}" was started in the background from ${dataDir}`);
    return 0;
  }
  const stopped = await stopAll(state.processes);
  forgetRunState(dataDir);
  console.log(`stopped ${stopped.join(', ')}`);
  return 0;
}
