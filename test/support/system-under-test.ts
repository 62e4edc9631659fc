import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { subjectOf } from '@app/platform';
import { ModuleName } from '@app/contracts';
import { sendRawNatsRequest } from './raw-nats';
import { sendRawTcpPacket } from './raw-tcp';
import { ReplicaGroup } from './replica-group';
import { ServerProcess } from './server-process';

export const ADMIN = { email: 'admin@archipelago.test', password: 'admin-password-1234' };
export const CALL_TIMEOUT_MS = 1500;
export const JWT_SECRET = 'e2e-jwt-secret-0123456789abcdef0123456789abcdef';

interface TopologyFile {
  buses?: Record<string, { transport: string; servers: string[] }>;
  processes: Record<string, { http?: object; listen?: object; bus?: string; replicas?: number }>;
  modules: Record<string, { process: string }>;
}

/** A message sent straight onto a module's wire, as a hostile peer would: the error or the answer that came back. */
export interface RawReply {
  err?: { status: number; code: string; message: string };
  response?: unknown;
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A whole Archipelago system in one of the shipped topologies, each process started from the
 * built program with configuration only. Ports are moved to `portBase…` so topologies can run
 * side by side; everything binds to 127.0.0.1. A topology with buses has them all point at one
 * broker on `portBase + 70` (`natsUrl`), which the spec starts. Replicated gateways listen on
 * `portBase`, `portBase + 1`, … (ADR 0030), and `http()` sends successive requests to them in turn.
 */
export class SystemUnderTest {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'archipelago-e2e-'));
  readonly processes = new Map<string, ServerProcess>();
  /** How many requests `http()` sent to each gateway, by base URL. */
  readonly requestsPerGateway = new Map<string, number>();
  private readonly topology: TopologyFile;
  private turn = 0;

  constructor(
    readonly topologyName: string,
    private readonly portBase: number,
    private readonly extraEnv: Record<string, string> = {},
  ) {
    const path = join(__dirname, '..', '..', 'config', 'topologies', `${topologyName}.json`);
    this.topology = JSON.parse(readFileSync(path, 'utf8')) as TopologyFile;
    for (const name of this.processNames())
      this.processes.set(name, new ServerProcess(name, this.envFor(name), join(this.dataDir, `${name}.log`)));
  }

  /**
   * The development key set the first process generates on start (ADR 0022): every process of the
   * system reads its own keys from it, and hostile specs forge with it.
   */
  get keysDir(): string {
    return join(this.dataDir, 'keys');
  }

  /** The first gateway: where a spec that talks to one gateway talks. */
  get baseUrl(): string {
    return this.baseUrls[0];
  }

  /** Every gateway: one per replica of the process serving HTTP, on consecutive ports (ADR 0030). */
  get baseUrls(): string[] {
    const gateway = Object.values(this.topology.processes).find((spec) => spec.http);
    return Array.from({ length: gateway?.replicas ?? 1 }, (_, index) => `http://127.0.0.1:${this.portBase + index}`);
  }

  /** Processes that host modules, the gateway's last; the replicas of a process as `billing#1`, `billing#2` (ADR 0028). */
  processNames(): string[] {
    const names = Object.keys(this.topology.processes).sort((a, b) => Number(a === 'main') - Number(b === 'main'));
    return names.flatMap((name) => {
      const replicas = this.topology.processes[name].replicas ?? 1;
      return replicas === 1 ? [name] : Array.from({ length: replicas }, (_, index) => `${name}#${index + 1}`);
    });
  }

  /** The topology's process a started process is (its PROCESS): `billing` for `billing#2`. */
  private topologyProcessOf(name: string): string {
    return name.split('#')[0];
  }

  /** Every module the topology places somewhere. */
  deployedModules(): string[] {
    return Object.keys(this.topology.modules);
  }

  remoteModules(): string[] {
    return Object.entries(this.topology.modules)
      .filter(([, placement]) => placement.process !== 'main')
      .map(([module]) => module);
  }

  processOf(module: string): string {
    return this.topology.modules[module].process;
  }

  /** TCP listeners sit just above the gateways' ports. */
  tcpPortOf(processName: string): number {
    return this.portBase + this.baseUrls.length + this.processNames().indexOf(processName);
  }

  /** Whether some process of this topology is reached on a bus (a broker must be running). */
  usesBus(): boolean {
    return Object.keys(this.topology.buses ?? {}).length > 0;
  }

  get natsUrl(): string {
    return `nats://127.0.0.1:${this.portBase + 70}`;
  }

  /** How the gateway reaches `module`: `in-process`, `tcp`, or the transport of its process's bus. */
  transportOf(module: string): string {
    const processName = this.processOf(module);
    if (processName === 'main') return 'in-process';
    const { bus } = this.topology.processes[processName];
    return bus ? this.topology.buses![bus].transport : 'tcp';
  }

  /** Sends `message` for `pattern` straight to `module`'s wire: its process's TCP port, or its subject on the bus. */
  async sendRaw(module: ModuleName, pattern: string, message: object): Promise<RawReply> {
    if (this.transportOf(module) === 'tcp') {
      return (await sendRawTcpPacket(this.tcpPortOf(this.processOf(module)), {
        id: `raw-${Date.now()}`,
        pattern,
        data: message,
      })) as RawReply;
    }
    const reply = (await sendRawNatsRequest(this.natsUrl, subjectOf(module, pattern), message)) as {
      ok?: unknown;
      error?: RawReply['err'];
    };
    return { err: reply.error, response: reply.ok };
  }

  /** One topology process after the other, the replicas of each together (as an orchestrator starts them). */
  async start(): Promise<void> {
    const topologyProcesses = new Set([...this.processes.keys()].map((name) => this.topologyProcessOf(name)));
    for (const name of topologyProcesses) await this.process(name).start();
  }

  async stop(): Promise<void> {
    for (const process of [...this.processes.values()].reverse()) {
      await process.stop();
      process.close();
    }
  }

  /** One started process (`billing#1`), or every replica of a topology process at once (`billing`). */
  process(name: string): ServerProcess | ReplicaGroup {
    const found = this.processes.get(name);
    if (found) return found;
    const replicas = [...this.processes.values()].filter((process) => this.topologyProcessOf(process.name) === name);
    if (replicas.length === 0) throw new Error(`no process ${name} in ${this.topologyName}`);
    return new ReplicaGroup(name, replicas);
  }

  /** The gateway the next request goes to: each in turn, so a scenario runs across all of them. */
  private nextBaseUrl(): string {
    const baseUrl = this.baseUrls[this.turn++ % this.baseUrls.length];
    this.requestsPerGateway.set(baseUrl, (this.requestsPerGateway.get(baseUrl) ?? 0) + 1);
    return baseUrl;
  }

  async http<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const hasBody = options.body !== undefined || options.rawBody !== undefined;
    if (hasBody) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.nextBaseUrl()}${path}`, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
  }

  private envFor(processName: string): NodeJS.ProcessEnv {
    const overrides: Record<string, string> = {};
    for (const [name, spec] of Object.entries(this.topology.processes)) {
      if (spec.http) overrides[`TOPOLOGY__processes__${name}__http__port`] = String(this.portBase);
      if (spec.listen) overrides[`TOPOLOGY__processes__${name}__listen__port`] = String(this.tcpPortOf(name));
    }
    for (const bus of Object.keys(this.topology.buses ?? {})) overrides[`TOPOLOGY__buses__${bus}__servers`] = this.natsUrl;
    return {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      TOPOLOGY: this.topologyName,
      PROCESS: this.topologyProcessOf(processName),
      REPLICA: processName.split('#')[1] ?? '1',
      DATA_DIR: this.dataDir,
      JWT_SECRET,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      CALL_TIMEOUT_MS: String(CALL_TIMEOUT_MS),
      OUTBOX_RELAY_INTERVAL_MS: '200',
      OUTBOX_MAX_BACKOFF_MS: '1000',
      NOTIFICATION_DISPATCH_INTERVAL_MS: '200',
      // The suites log in often from one address; the edge-limits spec sets low limits of its own.
      AUTH_RATE_LIMIT_PER_IP: '1000000',
      AUTH_RATE_LIMIT_PER_ACCOUNT: '1000000',
      ...this.extraEnv,
      ...overrides,
    };
  }
}
