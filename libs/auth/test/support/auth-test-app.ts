import { AuthClient, CallerName, GATEWAY, ModuleErrorBody } from '@app/contracts';
import {
  clientProviders,
  InProcessBroker,
  InProcessServer,
  ModuleCallError,
  PlatformModule,
  readPlatformConfig,
  Topology,
} from '@app/platform';
import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule } from '../../src';
import { RecordedEvents, RecordingSubscriberModule } from './recording-subscriber.module';

/** The typed auth client of one caller, as the platform builds it for that caller. */
function callerModule(caller: CallerName): DynamicModule {
  @Module({})
  class CallerModule {}
  return { module: CallerModule, providers: clientProviders(caller, [AuthClient]), exports: [AuthClient] };
}

export interface AuthTestApp {
  app: INestApplication;
  dataDir: string;
  jwtSecret: string;
  /** AuthClient calling as the gateway (allowed everywhere). */
  gateway: AuthClient;
  /** AuthClient calling as billing (allowed to verify tokens only). */
  billing: AuthClient;
  events: RecordedEvents;
}

/** auth (and a recording subscriber in audit's place) in one process, on the in-process transport. */
export async function startAuthTestApp(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'archipelago-auth-')),
): Promise<AuthTestApp> {
  const topology = new Topology(
    'test',
    { processes: { main: {} }, modules: { auth: { process: 'main' }, audit: { process: 'main' } } },
    'main',
  );
  const config = readPlatformConfig({ DATA_DIR: dataDir, OUTBOX_RELAY_INTERVAL_MS: '50', ...env });
  const gatewayCaller = callerModule(GATEWAY);
  const billingCaller = callerModule('billing');
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule.forRoot({ topology, config }), AuthModule, RecordingSubscriberModule, gatewayCaller, billingCaller],
  }).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: ['error'] });
  app.connectMicroservice({ strategy: new InProcessServer(app.get(InProcessBroker)) });
  try {
    await app.startAllMicroservices();
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return {
    app,
    dataDir,
    jwtSecret: config.jwtSecret,
    gateway: app.select(gatewayCaller).get(AuthClient, { strict: true }),
    billing: app.select(billingCaller).get(AuthClient, { strict: true }),
    events: app.get(RecordedEvents),
  };
}

/** Closes the app and removes its SQLite files. */
export async function stopAuthTestApp(auth: AuthTestApp | undefined): Promise<void> {
  if (!auth) return;
  await auth.app.close();
  rmSync(auth.dataDir, { recursive: true, force: true });
}

/** The `{ status, code, message }` a failed call answered with. */
export async function failureOf(call: Promise<unknown>): Promise<ModuleErrorBody> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ModuleCallError) return error.body;
    throw error;
  }
  throw new Error('the call succeeded, a failure was expected');
}
