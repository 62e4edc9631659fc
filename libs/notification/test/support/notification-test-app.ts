import { GATEWAY, NotificationClient } from '@app/contracts';
import { MessageSender } from '@app/platform';
import { deliverEvent, DeliveryReceipt, startModuleTestApp } from '@app/testing';
import { INestApplication } from '@nestjs/common';
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

export interface NotificationTestApp {
  app: INestApplication;
  dataDir: string;
  close(): Promise<void>;
  /** NotificationClient calling as the gateway. */
  gateway: NotificationClient;
  /** NotificationClient calling as billing (allowed nothing). */
  billing: NotificationClient;
  /** Delivers an event the way a publisher's outbox relay does: `platform.events.deliver.v1`. */
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
  const started = await withEnv({ NOTIFICATION_DISPATCH_INTERVAL_MS: '50', ...env }, () =>
    startModuleTestApp({
      modules: ['notification'],
      imports: [NotificationModule],
      callers: { gateway: [NotificationClient], billing: [NotificationClient] },
    }),
  );
  const sender = started.app.get(MessageSender);
  return {
    app: started.app,
    dataDir: started.dataDir,
    close: started.close,
    gateway: started.client(GATEWAY, NotificationClient),
    billing: started.client('billing', NotificationClient),
    deliver: ({ pattern, source, payload }, eventId) => deliverEvent(sender, 'notification', { pattern, source, payload, eventId }),
  };
}

/** Closes the app and removes its SQLite files. */
export async function stopNotificationTestApp(notification: NotificationTestApp | undefined): Promise<void> {
  await notification?.close();
}

export { failureOf } from '@app/testing';
