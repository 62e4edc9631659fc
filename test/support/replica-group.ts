import { ServerProcess } from './server-process';

/**
 * Every replica of one topology process, driven as one (`system.process('auth')` when auth runs
 * twice): stopping "the auth process" stops all of them, so a module is really down or really
 * hung, as it is with one process. Name a replica (`auth#2`) to act on it alone.
 */
export class ReplicaGroup {
  constructor(
    readonly name: string,
    readonly replicas: ServerProcess[],
  ) {}

  /** A group has no one pid: name a replica (`billing#1`) for it. */
  get pid(): undefined {
    return undefined;
  }

  /** All at once, as an orchestrator restarts them: on PostgreSQL one migrates, the others wait for it (ADR 0028). */
  async start(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.stop()));
  }

  /** SIGTERM to every replica at once: resolves when all have exited, with the slowest one's exit. */
  async terminate(): ReturnType<ServerProcess['terminate']> {
    const exits = await Promise.all(this.replicas.map((replica) => replica.terminate()));
    return exits.reduce((slowest, exit) => (exit.ms > slowest.ms ? exit : slowest));
  }

  async kill(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.kill()));
  }

  pause(): void {
    for (const replica of this.replicas) replica.pause();
  }

  resume(): void {
    for (const replica of this.replicas) replica.resume();
  }
}
