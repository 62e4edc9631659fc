/**
 * Archipelago as shipped: the built program (dist/apps/server/src/main.js) in one of the
 * topologies of config/topologies, each process started with configuration only. A topology with
 * a bus gets a nats-server of its own on `portBase + 70`, started first and stopped last, as the
 * e2e specs do it.
 */
import { NatsTestServer } from '@app/testing';
import { loginAs, newAccount } from '../../test/support/accounts';
import { SystemUnderTest } from '../../test/support/system-under-test';
import { rssMb } from '../lib/rss';

export class Archipelago {
  readonly system: SystemUnderTest;
  private readonly broker?: NatsTestServer;
  private account?: { email: string; password: string };
  token = '';

  constructor(
    readonly topology: 'monolith' | 'all-remote' | 'nats-all-remote',
    portBase: number,
    extraEnv: Record<string, string> = {},
  ) {
    this.system = new SystemUnderTest(topology, portBase, extraEnv);
    if (this.system.usesBus()) this.broker = new NatsTestServer(portBase + 70);
  }

  get baseUrl(): string {
    return this.system.baseUrl;
  }

  async start(): Promise<void> {
    await this.broker?.start();
    await this.system.start();
    const account = await newAccount(this.system, 'bench');
    this.account = account;
    this.token = account.token;
  }

  /** Access tokens live 15 minutes: a fresh one before every round. */
  async refreshToken(): Promise<string> {
    this.token = await loginAs(this.system, this.account!.email, this.account!.password);
    return this.token;
  }

  /** Resident memory of every process of this topology, in MB. */
  rss(): Record<string, number> {
    const result: Record<string, number> = {};
    for (const process of this.system.processes.values()) result[process.name] = rssMb(process.pid);
    return result;
  }

  async stop(): Promise<void> {
    await this.system.stop();
    await this.broker?.stop();
  }
}
