import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a detached `up` leaves behind for `status`, `logs` and `down`. */
export interface RunState {
  topology: string;
  startedAt: string;
  processes: { name: string; process?: string; pid: number; modules: string[]; http?: string; listen?: string; log: string }[];
}

const stateFile = (dataDir: string) => join(dataDir, 'up.json');

export function saveRunState(dataDir: string, state: RunState): void {
  writeFileSync(stateFile(dataDir), JSON.stringify(state, null, 2) + '\n');
}

export function readRunState(dataDir: string): RunState | undefined {
  const file = stateFile(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunState) : undefined;
}

export function forgetRunState(dataDir: string): void {
  rmSync(stateFile(dataDir), { force: true });
}

/** True while a process with this pid exists (signal 0 checks without signalling). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
