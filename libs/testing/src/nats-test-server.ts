import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';

const INSTALL_HINT = 'nats-server is not installed: apt-get install -y nats-server (Debian), or put a nats-server binary on PATH';

/** Where Debian's package puts the binary, even when /usr/sbin is not on a user's PATH. */
function findBinary(): string | undefined {
  const directories = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin'];
  return directories.map((directory) => join(directory, 'nats-server')).find((path) => existsSync(path));
}

/** True once something on the port speaks NATS (the server's first line is `INFO {…}`). */
function speaksNats(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('data', (chunk: Buffer) => done(chunk.toString('utf8').startsWith('INFO ')));
    socket.once('error', () => done(false));
  });
}

/**
 * A real NATS server (core, no JetStream) on loopback, from Debian's `nats-server` package; never
 * downloaded. A missing binary fails the spec with the command that installs it.
 */
export class NatsTestServer {
  private child?: ChildProcess;
  private output = '';

  constructor(readonly port: number) {}

  static isInstalled(): boolean {
    return findBinary() !== undefined;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Starts it (again, on the same port, after `stop` or `kill`) and resolves once it accepts clients. */
  async start(timeoutMs = 10_000): Promise<void> {
    const binary = findBinary();
    if (!binary) throw new Error(INSTALL_HINT);
    this.output = '';
    const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(this.port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + timeoutMs;
    while (!(await speaksNats(this.port))) {
      if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}:\n${this.output.slice(-2000)}`);
      if (Date.now() > deadline)
        throw new Error(`nats-server not ready on ${this.port} after ${timeoutMs} ms:\n${this.output.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** SIGTERM, and resolves once it is gone. */
  stop(): Promise<void> {
    return this.end('SIGTERM');
  }

  /** kill -9: the broker is gone at once, its clients' connections break. */
  kill(): Promise<void> {
    return this.end('SIGKILL');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
}
