import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import { join } from 'node:path';

const MAIN_JS = join(__dirname, '..', '..', 'dist', 'apps', 'server', 'src', 'main.js');
const READY_LINE = /is up \|/;
/** What is kept of a process's output for error messages: its end. A run under load writes hundreds of MB. */
const OUTPUT_TAIL_CHARS = 16 * 1024;

/** One OS process of the system: the built program started with an environment. */
export class ServerProcess {
  private child?: ChildProcess;
  private output = '';
  private ready = false;
  private readonly log: WriteStream;

  constructor(
    readonly name: string,
    private readonly env: NodeJS.ProcessEnv,
    logFile: string,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(timeoutMs = 30_000): Promise<void> {
    this.output = '';
    this.ready = false;
    const child = spawn(process.execPath, [MAIN_JS], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const onData = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
      this.ready ||= READY_LINE.test(this.output);
      this.log.write(chunk);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    await this.waitUntilReady(child, timeoutMs);
  }

  private waitUntilReady(child: ChildProcess, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name} not ready after ${timeoutMs} ms:\n${this.output.slice(-3000)}`)),
        timeoutMs,
      );
      const poll = setInterval(() => {
        if (!this.ready) return;
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      }, 25);
      child.once('exit', (code) => {
        clearTimeout(timer);
        clearInterval(poll);
        reject(new Error(`${this.name} exited with ${code} before it was ready:\n${this.output.slice(-3000)}`));
      });
    });
  }

  /** SIGTERM, then SIGKILL if it has not exited in time. */
  async stop(graceMs = 5000): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** SIGTERM alone, as an orchestrator stopping it: how it exited and how long that took. */
  terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} is not running`);
    const sentAt = Date.now();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - sentAt })),
    );
    child.kill('SIGTERM');
    return exited;
  }

  /** kill -9: no shutdown hook runs, nothing is flushed (a crash). Resolves once it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** Freezes the process: its sockets stay open but nothing answers (a hung module). */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  close(): void {
    this.log.end();
  }
}
