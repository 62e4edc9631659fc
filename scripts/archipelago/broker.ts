import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { connect } from 'node:net';
import { PlannedBroker } from './topology-plan';

/** True when something accepts connections on host:port. */
export function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts Debian's `nats-server` for a bus on this machine (no JetStream: the kernel needs only
 * core NATS) and waits until it accepts connections. Its output goes to `logFile`.
 */
export async function startBroker(broker: PlannedBroker, logFile: string, detached: boolean): Promise<number> {
  if (spawnSync('nats-server', ['--version']).error) {
    throw new Error(
      `bus "${broker.bus}" needs nats-server on ${broker.host}:${broker.port}: install it (apt-get install -y nats-server) or start one there`,
    );
  }
  const out = openSync(logFile, 'a');
  const child = spawn('nats-server', ['-a', broker.host, '-p', String(broker.port)], { stdio: ['ignore', out, out], detached: true });
  closeSync(out);
  if (detached) child.unref();
  const deadline = Date.now() + 10_000;
  while (!(await isListening(broker.host, broker.port))) {
    if (child.exitCode !== null) throw new Error(`nats-server for bus "${broker.bus}" exited with ${child.exitCode}; see ${logFile}`);
    if (Date.now() > deadline)
      throw new Error(`nats-server for bus "${broker.bus}" did not listen on ${broker.port} within 10 s; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child.pid!;
}
