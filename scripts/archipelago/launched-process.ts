import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { MAIN_JS, PlannedProcess, REPO_ROOT } from './topology-plan';

const READY_LINE = /is up \|/;
const COLOURS = [36, 33, 35, 32, 34, 91, 96];

export interface LaunchOptions {
  topology: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
}

/** Settings only the process hosting auth reads (its admin seeder); the others would warn about them. */
const AUTH_ONLY = ['ADMIN_EMAIL', 'ADMIN_PASSWORD'];

function processEnv(planned: PlannedProcess, options: LaunchOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    TOPOLOGY: options.topology,
    PROCESS: planned.process ?? planned.name,
    REPLICA: String(planned.replica ?? 1),
    DATA_DIR: options.dataDir,
  };
  if (!planned.modules.includes('auth')) for (const key of AUTH_ONLY) delete env[key];
  return env;
}

/** Writes each line of a child's output prefixed with its process name, coloured on a terminal. */
function prefixLines(name: string, index: number, width: number): (chunk: Buffer) => void {
  const label = name.padEnd(width);
  const prefix = process.stdout.isTTY ? `\x1b[${COLOURS[index % COLOURS.length]}m${label} │\x1b[0m ` : `${label} │ `;
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) process.stdout.write(prefix + line + '\n');
  };
}

/** A started process and the moment it logged that it is up. */
export interface Launched {
  pid: number;
  up: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function watch(child: ChildProcess, name: string, isUp: () => boolean, describe: () => string, timeoutMs: number): Launched {
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const up = (async () => {
    const deadline = Date.now() + timeoutMs;
    while (!isUp()) {
      if (gone) throw new Error(`process "${name}" exited before it was up${describe()}`);
      if (Date.now() > deadline) throw new Error(`process "${name}" was not up within ${timeoutMs} ms${describe()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return { pid: child.pid!, up, exited };
}

/** Starts a process attached to this terminal, its lines prefixed with its name. */
export function launchAttached(
  planned: PlannedProcess,
  index: number,
  width: number,
  options: LaunchOptions,
  timeoutMs = 60_000,
): Launched {
  // Its own process group: Ctrl-C reaches only `up`, which then sends each process one SIGTERM
  // (a second signal during the graceful drain would cut it short).
  const child = spawn(process.execPath, [MAIN_JS], {
    cwd: REPO_ROOT,
    env: processEnv(planned, options),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const print = prefixLines(planned.name, index, width);
  let recent = '';
  let ready = false;
  const onData = (chunk: Buffer) => {
    print(chunk);
    if (ready) return;
    recent = (recent + chunk.toString()).slice(-4096);
    ready = READY_LINE.test(recent);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return watch(
    child,
    planned.name,
    () => ready,
    () => '',
    timeoutMs,
  );
}

/** Starts a process in the background, detached from this terminal, its output appended to `logFile`. */
export function launchDetached(planned: PlannedProcess, logFile: string, options: LaunchOptions, timeoutMs = 60_000): Launched {
  const out = openSync(logFile, 'a');
  const startOffset = readFileSync(logFile).length;
  const child = spawn(process.execPath, [MAIN_JS], {
    cwd: REPO_ROOT,
    env: processEnv(planned, options),
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);
  child.unref();
  const written = () => readFileSync(logFile).subarray(startOffset).toString();
  return watch(
    child,
    planned.name,
    () => READY_LINE.test(written()),
    () => `; see ${logFile}:\n${written().slice(-2000)}`,
    timeoutMs,
  );
}
