import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readRunState } from '../run-state';
import { planTopology } from '../topology-plan';

/** `logs <topology> <process> [--follow]`: the log of one process of a detached run. */
export async function logs(topology: string, processName: string | undefined, flags: Set<string>): Promise<number> {
  const { dataDir } = await planTopology(topology);
  const state = readRunState(dataDir);
  const names = state?.processes.map((p) => p.name) ?? [];
  const entry = state?.processes.find((p) => p.name === processName);
  if (!entry) {
    console.error(`name a process of the running topology "${topology}": ${names.join(', ') || '(none running)'}`);
    return 2;
  }
  if (!flags.has('--follow')) {
    process.stdout.write(readFileSync(entry.log));
    return 0;
  }
  const tail = spawn('tail', ['-n', '+1', '-f', entry.log], { stdio: 'inherit' });
  return new Promise((resolve) => tail.once('exit', (code) => resolve(code ?? 0)));
}
