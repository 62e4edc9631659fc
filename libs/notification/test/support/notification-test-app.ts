import { CallerName, DeliveryReceipt, GATEWAY, ModuleErrorBody, NotificationClient, PlatformContract } from '@app/contracts';
import {
  clientProviders,
  InProcessBroker,
  InProcessServer,
  MessageSender,
  ModuleCallError,
  PlatformModule,
  readPlatformConfig,
  Topology,
} from '@app/platform';
import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotificationModule } from '../../src';
import { TestEvent } from './events';

/** The environment variables the notification module reads; each test app sets all of them. */
const NOTIFICATION_ENV = [
  'SMTP_URL',
  'MAIL_FROM',
  'NOTIFICATION_DISPATCH_INTERVAL_MS',
  'NOTIFICATION_MAX_ATTEMPTS',
  'NOTIFICATION_RETRY_BASE_MS',
];

function callerModule(caller: CallerName): DynamicModule {
  @Module({})
  class CallerModule {}
  return { module: CallerModule, providers: clientProviders(caller, [NotificationClient]), exports: [NotificationClient] };
}

export interface NotificationTestApp {
  app: INestApplication;
  dataDir: string;
  /** NotificationClient calling as the gateway. */
  gateway: NotificationClient;
  /** NotificationClient calling as billing (allowed nothing). */
  billing: NotificationClient;
  /** Delivers an event the way a publisher's outbox relay does: `platform.event.deliver.v1`. */
  deliver(event: TestEvent, eventId?: string): Promise<DeliveryReceipt>;
}

/** Runs `work` with the notification variables set to `env` (the others unset), then restores them. */
async function withEnv<T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(NOTIFICATION_ENV.map((key) => [key, process.env[key]]));
  NOTIFICATION_ENV.forEach((key) => (env[key] === undefined ? delete process.env[key] : (process.env[key] = env[key])));
  try {
    return await work();
  } finally {
    NOTIFICATION_ENV.forEach((key) => (saved[key] === undefined ? delete process.env[key] : (process.env[key] = saved[key])));
  }
}

/** The notification module alone in one process, on the in-process transport, as production wires it. */
export async function startNotificationTestApp(env: Record<string, string> = {}): Promise<NotificationTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'archipelago-notification-'));
  const topology = new Topology('test', { processes: { main: {} }, modules: { notification: { process: 'main' } } }, 'main');
  const config = readPlatformConfig({ DATA_DIR: dataDir, OUTBOX_RELAY_INTERVAL_MS: '50' });
  const gatewayCaller = callerModule(GATEWAY);
  const billingCaller = callerModule('billing');
  const app = await withEnv({ NOTIFICATION_DISPATCH_INTERVAL_MS: '50', ...env }, async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ topology, config }), NotificationModule, gatewayCaller, billingCaller],
    }).compile();
    return moduleRef.createNestApplication(new FastifyAdapter(), { logger: ['error'] });
  });
  app.connectMicroservice({ strategy: new InProcessServer(app.get(InProcessBroker)) });
  try {
    await app.startAllMicroservices();
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const sender = app.get(MessageSender);
  return {
    app,
    dataDir,
    gateway: app.select(gatewayCaller).get(NotificationClient, { strict: true }),
    billing: app.select(billingCaller).get(NotificationClient, { strict: true }),
    deliver: ({ pattern, source, payload }, eventId = randomUUID()) =>
      sender.send(
        'main',
        PlatformContract.deliverEvent.pattern,
        { eventId, pattern, subscriber: 'notification', source, payload, occurredAt: new Date().toISOString() },
        source,
      ),
  };
}

/** Closes the app and removes its SQLite files. */
export async function stopNotificationTestApp(notification: NotificationTestApp | undefined): Promise<void> {
  if (!notification) return;
  await notification.app.close();
  rmSync(notification.dataDir, { recursive: true, force: true });
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
