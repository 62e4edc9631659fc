/**
 * Archipelago as shipped: the built program (dist/apps/server/src/main.js) in one of the
 * topologies of config/topologies, each process started with configuration only.
 */
import { loginAs, newAccount } from '../../test/support/accounts';
import { SystemUnderTest } from '../../test/support/system-under-test';
import { rssMb } from '../lib/rss';

export class Archipelago {
  readonly system: SystemUnderTest;
  private account?: { email: string; password: string };
  token = '';

  constructor(
    readonly topology: 'monolith' | 'all-remote',
    portBase: number,
    extraEnv: Record<string, string> = {},
  ) {
    this.system = new SystemUnderTest(topology, portBase, extraEnv);
  }

  get baseUrl(): string {
    return this.system.baseUrl;
  }

  async start(): Promise<void> {
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

  stop(): Promise<void> {
    return this.system.stop();
  }
}
