import { CallerName, ContractBus } from '@app/contracts';
import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { NatsTestServer } from '@app/testing';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientProviders, HostedDatabases, PlatformModule, readPlatformConfig, Topology, TopologySpec } from '../src';
import { EventLogModule, SeenEvent } from './fixtures/event-log.fixture';
import { NoteModule } from './fixtures/note.fixture';

export type KernelMode = 'in-process' | 'tcp' | 'nats';

export interface KernelOptions {
  /**
   * PostgreSQL URLs by variable (`PostgresCluster.moduleUrls()`): when set, both modules keep
   * their data there, a schema each, each connected as its own role (ADR 0031).
   */
  databaseUrls?: Record<string, string>;
}

function callerModule(caller: CallerName): DynamicModule {
  @Module({})
  class CallerModule {}
  return { module: CallerModule, providers: clientProviders(caller, []), exports: [ContractBus] };
}

/** Callers of the fixtures from the main process: the gateway, which may call them, and audit, which may not. */
const CALLERS: CallerName[] = ['gateway', 'audit'];

/**
 * The fixture modules (a fake `auth` with notes, a fake `audit` that logs events) either in one
 * process or in two Nest apps joined over TCP on loopback or on a NATS bus, with the same callers in all.
 */
export class KernelSystem {
  private readonly apps: INestApplication[] = [];
  private readonly callers = new Map<CallerName, DynamicModule>();
  private callerApp!: INestApplication;
  /** Over NATS: a broker of the test's own on `portBase`. */
  private readonly nats?: NatsTestServer;
  private remote?: { topology: Topology; env: Record<string, string> };

  constructor(
    readonly mode: KernelMode,
    private readonly portBase: number,
    private readonly options: KernelOptions = {},
  ) {
    if (mode === 'nats') this.nats = new NatsTestServer(portBase);
  }

  async start(): Promise<void> {
    const dataDir = mkdtempSync(join(tmpdir(), 'archipelago-kernel-'));
    await this.nats?.start();
    const spec = this.topologySpec();
    const urls = this.options.databaseUrls;
    const postgres: Record<string, string> = urls
      ? { AUTH_DATABASE_URL: urls.AUTH_DATABASE_URL, AUDIT_DATABASE_URL: urls.AUDIT_DATABASE_URL }
      : {};
    const env = {
      DATA_DIR: dataDir,
      OUTBOX_RELAY_INTERVAL_MS: '50',
      OUTBOX_MAX_BACKOFF_MS: '200',
      OUTBOX_MAX_ATTEMPTS: '3',
      CALL_TIMEOUT_MS: '2000',
      ...postgres,
    };
    if (this.mode !== 'in-process') {
      this.remote = { topology: new Topology('kernel', spec, 'auth'), env };
      this.apps.push(await this.startApp(this.remote.topology, env, [NoteModule]));
    }
    const mainModules: Type[] = this.mode === 'in-process' ? [EventLogModule, NoteModule] : [EventLogModule];
    CALLERS.forEach((caller) => this.callers.set(caller, callerModule(caller)));
    this.callerApp = await this.startApp(new Topology('kernel', spec, 'main'), env, [...mainModules, ...this.callers.values()]);
    this.apps.push(this.callerApp);
  }

  /** One process, or `main` (the fake audit) and `auth` (the notes) joined over TCP or on a NATS bus. */
  private topologySpec(): TopologySpec {
    const modules: TopologySpec['modules'] = { audit: { process: 'main' }, auth: { process: 'auth' } };
    // main serves the gateway (never listened on here): it signs as the gateway with its own key (ADR 0022)
    const http = { host: '127.0.0.1', port: this.portBase + 2 };
    if (this.mode === 'tcp') {
      const listen = (port: number) => ({ transport: 'tcp' as const, host: '127.0.0.1', port });
      return { processes: { main: { http, listen: listen(this.portBase) }, auth: { listen: listen(this.portBase + 1) } }, modules };
    }
    if (this.mode === 'nats') {
      const buses = { kernel: { transport: 'nats' as const, servers: [this.nats!.url] } };
      return { buses, processes: { main: { http, bus: 'kernel' }, auth: { bus: 'kernel' } }, modules };
    }
    return { processes: { main: {} }, modules: { auth: { process: 'main' }, audit: { process: 'main' } } };
  }

  private async startApp(topology: Topology, env: Record<string, string>, imports: Array<Type | DynamicModule>): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ topology, config: readPlatformConfig(env) }), ...imports],
    }).compile();
    const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    await app.init();
    return app;
  }

  bus(caller: CallerName): ContractBus {
    return this.callerApp.select(this.callers.get(caller)!).get(ContractBus, { strict: true });
  }

  get app(): INestApplication {
    return this.callerApp;
  }

  /** Over a wire: the process hosting the fake auth module. */
  get remoteApp(): INestApplication {
    if (!this.remote) throw new Error('only over a wire is there a remote process');
    return this.apps[0];
  }

  /** Over a wire: stops the fake auth module's process and starts it again on the same data. */
  async restartRemote(): Promise<void> {
    if (!this.remote) throw new Error('only over a wire is there a remote process');
    await this.apps[0].close();
    this.apps[0] = await this.startApp(this.remote.topology, this.remote.env, [NoteModule]);
  }

  /** Every app of the system: one in process, the callee's and the caller's over TCP. */
  get allApps(): readonly INestApplication[] {
    return this.apps;
  }

  /** What the fake audit module has recorded so far. */
  seenEvents(): Promise<SeenEvent[]> {
    const audit = this.callerApp.get(HostedDatabases).get('audit')!;
    return audit.database.read((manager) => manager.find(SeenEvent));
  }

  async stop(): Promise<void> {
    for (const app of this.apps.reverse()) await app.close();
    await this.nats?.stop();
  }
}
