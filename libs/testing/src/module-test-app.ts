import { CallerName, ModuleName } from '@app/contracts';
import {
  assertHandlersMatchContracts,
  clientProviders,
  PlatformConfig,
  PlatformModule,
  readPlatformConfig,
  Topology,
  TypedClientClass,
} from '@app/platform';
import { DynamicModule, INestApplication, LogLevel, Module, Type } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ModuleTestAppOptions {
  /** The modules deployed in this one-process topology (all in process `main`). */
  modules: ModuleName[];
  /** Their Nest modules, plus any test doubles. */
  imports: Array<Type | DynamicModule>;
  /** Typed clients to build per caller: `{ gateway: [AuthClient], billing: [AuthClient] }`. */
  callers?: Partial<Record<CallerName, TypedClientClass[]>>;
  /** Environment for readPlatformConfig; DATA_DIR defaults to a fresh temporary folder. */
  env?: Record<string, string>;
  logLevels?: LogLevel[] | false;
}

export interface ModuleTestApp {
  app: INestApplication;
  config: PlatformConfig;
  dataDir: string;
  /** The typed client `type` as built for `caller` (its envelopes name that caller). */
  client<T>(caller: CallerName, type: new (...args: never[]) => T): T;
  close(): Promise<void>;
}

function callerModule(caller: CallerName, clients: TypedClientClass[]): DynamicModule {
  @Module({})
  class CallerModule {}
  Object.defineProperty(CallerModule, 'name', { value: `${caller}CallerModule` });
  return { module: CallerModule, providers: clientProviders(caller, clients), exports: clients };
}

/**
 * Modules under test in one process, called as in production: through the typed clients and the
 * kernel's compiled pipeline (policy, validation, error mapping and stamps).
 */
export async function startModuleTestApp(options: ModuleTestAppOptions): Promise<ModuleTestApp> {
  const dataDir = options.env?.DATA_DIR ?? mkdtempSync(join(tmpdir(), `archipelago-${options.modules.join('-')}-`));
  const placements = Object.fromEntries(options.modules.map((module) => [module, { process: 'main' }]));
  const topology = new Topology('test', { processes: { main: {} }, modules: placements }, 'main');
  const config = readPlatformConfig({ OUTBOX_RELAY_INTERVAL_MS: '50', ...options.env, DATA_DIR: dataDir });
  const callers = new Map(
    Object.entries(options.callers ?? {}).map(([caller, clients]) => [caller, callerModule(caller as CallerName, clients)]),
  );
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule.forRoot({ topology, config }), ...options.imports, ...callers.values()],
  }).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: options.logLevels ?? ['error'] });
  try {
    // the same check as a process's start: the modules under test (and their doubles) serve their contracts
    assertHandlersMatchContracts(app, topology);
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    app,
    config,
    dataDir,
    client: (caller, type) => app.select(callers.get(caller)!).get(type, { strict: true }),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
