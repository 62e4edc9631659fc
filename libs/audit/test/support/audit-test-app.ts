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

export interface AuditTestApp {
  /** AuditClient calling as the gateway (the only caller audit accepts). */
  gateway: AuditClient;
  /** AuditClient calling as billing (allowed nothing). */
  billing: AuditClient;
  /** `DATA_DIR/audit.sqlite`, for reaching past the module as a tamperer would. */
  databaseFile: string;
  /** Delivers an event the way a publisher's outbox relay does: `platform.events.deliver.v1`. */
  deliver(event: TestEvent, delivery?: Delivery): Promise<DeliveryReceipt>;
  close(): Promise<void>;
}

/** The audit module alone in one process, on the in-process transport, as production wires it. */
export async function startAuditTestApp(): Promise<AuditTestApp> {
  const started = await startModuleTestApp({
    modules: ['audit'],
    imports: [AuditModule],
    callers: { gateway: [AuditClient], billing: [AuditClient] },
  });
  const sender = started.app.get(MessageSender);
  const deliver = ({ pattern, source, payload }: TestEvent, delivery: Delivery = {}): Promise<DeliveryReceipt> =>
    deliverEvent(sender, 'audit', { pattern, source, payload, ...delivery });
  return {
    gateway: started.client(GATEWAY, AuditClient),
    billing: started.client('billing', AuditClient),
    databaseFile: join(started.dataDir, 'audit.sqlite'),
    deliver,
    close: started.close,
  };
}
