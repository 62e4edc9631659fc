import { Actor, AuditClient, GATEWAY } from '@app/contracts';
import { MessageSender, TraceContext } from '@app/platform';
import { deliverEvent, DeliveryReceipt, startModuleTestApp } from '@app/testing';
import { join } from 'node:path';
import { AuditModule } from '../../src';
import { TestEvent } from './events';

export { eventually, failureOf } from '@app/testing';

export interface Delivery {
  eventId?: string;
  actor?: Actor;
  trace?: TraceContext;
}

/** The environment variables the audit module reads; each test app sets all of them. */
const AUDIT_ENV = ['AUDIT_CHAIN_KEY_FILE', 'AUDIT_CHECKPOINT_FILE', 'AUDIT_CHECKPOINT_INTERVAL_MS'];

export interface AuditTestApp {
  /** AuditClient calling as the gateway (the only caller audit accepts). */
  gateway: AuditClient;
  /** AuditClient calling as billing (allowed nothing). */
  billing: AuditClient;
  /** DATA_DIR: the database, the development chain key and the checkpoint file. */
  dataDir: string;
  /** `DATA_DIR/audit.sqlite`, for reaching past the module as a tamperer would. */
  databaseFile: string;
  /** The checkpoints the module writes, outside its database. */
  checkpointFile: string;
  /** Delivers an event the way a publisher's outbox relay does: `platform.events.deliver.v1`. */
  deliver(event: TestEvent, delivery?: Delivery): Promise<DeliveryReceipt>;
  close(): Promise<void>;
}

/** Runs `work` with the audit variables set to `env` (the others unset), then restores them. */
async function withEnv<T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(AUDIT_ENV.map((key) => [key, process.env[key]]));
  AUDIT_ENV.forEach((key) => (env[key] === undefined ? delete process.env[key] : (process.env[key] = env[key])));
  try {
    return await work();
  } finally {
    AUDIT_ENV.forEach((key) => (saved[key] === undefined ? delete process.env[key] : (process.env[key] = saved[key])));
  }
}

/**
 * The audit module alone in one process, on the in-process transport, as production wires it:
 * a development chain key under its DATA_DIR, checkpoints every 100 ms unless `env` says otherwise.
 */
export async function startAuditTestApp(env: Record<string, string> = {}): Promise<AuditTestApp> {
  const started = await withEnv({ AUDIT_CHECKPOINT_INTERVAL_MS: '100', ...env }, () =>
    startModuleTestApp({
      modules: ['audit'],
      imports: [AuditModule],
      callers: { gateway: [AuditClient], billing: [AuditClient] },
    }),
  );
  const sender = started.app.get(MessageSender);
  const deliver = ({ pattern, source, payload }: TestEvent, delivery: Delivery = {}): Promise<DeliveryReceipt> =>
    deliverEvent(sender, 'audit', { pattern, source, payload, ...delivery });
  return {
    gateway: started.client(GATEWAY, AuditClient),
    billing: started.client('billing', AuditClient),
    dataDir: started.dataDir,
    databaseFile: join(started.dataDir, 'audit.sqlite'),
    checkpointFile: env.AUDIT_CHECKPOINT_FILE ?? join(started.dataDir, 'audit-checkpoints.jsonl'),
    deliver,
    close: started.close,
  };
}
