import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const live = new Set<ChildProcess>();

/** Kills every child still running; installed once, also on Ctrl-C and on a crash. */
export function killAllChildren(): void {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  live.clear();
}
process.once('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    killAllChildren();
    process.exit(130);
  });

export function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** A peer app (bench/peers/*.app.ts) in its own process, run by ts-node, ready when it prints `READY {json}`. */
export class PeerProcess<Info = Record<string, unknown>> {
  private child?: ChildProcess;
  info!: Info;

  constructor(
    readonly file: string,
    private readonly env: Record<string, string>,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(timeoutMs = 60_000): Promise<Info> {
    const child = track(
      spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'peers', this.file)], {
        env: { ...process.env, ...this.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    this.child = child;
    let output = '';
    this.info = await new Promise<Info>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.file} not ready after ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /READY (\{.*\})/.exec(output);
        if (!match) return;
        clearTimeout(timer);
        resolve(JSON.parse(match[1]) as Info);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.file} exited with ${code}:\n${output.slice(-2000)}`));
      });
    });
    return this.info;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}
