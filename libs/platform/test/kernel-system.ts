import { CallerName, ContractBus } from '@app/contracts';
import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientProviders, HostedModules, PlatformModule, readPlatformConfig, Topology, TopologySpec } from '../src';
import { EventLogModule, SeenEvent } from './fixtures/event-log.fixture';
import { NoteModule } from './fixtures/note.fixture';

export type KernelMode = 'in-process' | 'tcp';

export interface KernelOptions {
  /** When set, both modules keep their data in this PostgreSQL database (a schema each). */
  postgresUrl?: string;
}

function callerModule(caller: CallerName): DynamicModule {
  @Module({})
  class CallerModule {}
  return { module: CallerModule, providers: clientProviders(caller, []), exports: [ContractBus] };
}

const CALLERS: CallerName[] = ['gateway', 'billing'];

/**
 * The fixture modules (a fake `auth` with notes, a fake `audit` that logs events) either in one
 * process or in two Nest apps joined over TCP on loopback, with the same callers in both cases.
 */
export class KernelSystem {
  private readonly apps: INestApplication[] = [];
  private readonly callers = new Map<CallerName, DynamicModule>();
  private callerApp!: INestApplication;

  constructor(
    readonly mode: KernelMode,
    private readonly portBase: number,
    private readonly options: KernelOptions = {},
  ) {}

  async start(): Promise<void> {
    const dataDir = mkdtempSync(join(tmpdir(), 'archipelago-kernel-'));
    const spec: TopologySpec =
      this.mode === 'in-process'
        ? { processes: { main: {} }, modules: { auth: { process: 'main' }, audit: { process: 'main' } } }
        : {
            processes: {
              main: { listen: { transport: 'tcp', host: '127.0.0.1', port: this.portBase } },
              auth: { listen: { transport: 'tcp', host: '127.0.0.1', port: this.portBase + 1 } },
            },
            modules: { audit: { process: 'main' }, auth: { process: 'auth' } },
          };
    const postgres: Record<string, string> = this.options.postgresUrl
      ? { AUTH_DATABASE_URL: this.options.postgresUrl, AUDIT_DATABASE_URL: this.options.postgresUrl }
      : {};
    const env = {
      DATA_DIR: dataDir,
      OUTBOX_RELAY_INTERVAL_MS: '50',
      OUTBOX_MAX_BACKOFF_MS: '200',
      OUTBOX_MAX_ATTEMPTS: '3',
      CALL_TIMEOUT_MS: '2000',
      ...postgres,
    };
    if (this.mode === 'tcp') this.apps.push(await this.startApp(new Topology('kernel', spec, 'auth'), env, [NoteModule]));
    const mainModules: Type[] = this.mode === 'tcp' ? [EventLogModule] : [EventLogModule, NoteModule];
    CALLERS.forEach((caller) => this.callers.set(caller, callerModule(caller)));
    this.callerApp = await this.startApp(new Topology('kernel', spec, 'main'), env, [...mainModules, ...this.callers.values()]);
    this.apps.push(this.callerApp);
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

  /** Every app of the system: one in process, the callee's and the caller's over TCP. */
  get allApps(): readonly INestApplication[] {
    return this.apps;
  }

  /** What the fake audit module has recorded so far. */
  seenEvents(): Promise<SeenEvent[]> {
    const audit = this.callerApp.get(HostedModules).get('audit')!;
    return audit.database.read((manager) => manager.find(SeenEvent));
  }

  async stop(): Promise<void> {
    for (const app of this.apps.reverse()) await app.close();
  }
}
