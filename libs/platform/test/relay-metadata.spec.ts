import { Actor, EventBatch, EventBatchReceipt, SYSTEM_ACTOR } from '@app/contracts';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostedDatabases, MessageContext, MessageSender, ModuleDatabase, readPlatformConfig, SendOptions } from '../src';
import { parseTraceparent } from '../src/context/trace-context';
import { openModuleDatabase } from '../src/database/open-module-database';
import { OutboxMessage } from '../src/events/outbox-message.entity';
import { OutboxRelay } from '../src/events/outbox-relay';
import { UNTRACED } from '../src/tracing/tracing';
import { eventuallyTrue } from './eventually-true';

const config = readPlatformConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'archipelago-relay-meta-')), OUTBOX_RELAY_INTERVAL_MS: '20' });

const PUBLISHED_IN = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const ACTOR: Actor = { kind: 'user', id: 'user-7', roles: ['customer'] };

/** What the relay handed the sender, and whether any ambient context was around while it did. */
interface Sent {
  batch: EventBatch;
  caller: string;
  options?: SendOptions;
  ambient: unknown;
}

function recordingSender(sent: Sent[]): MessageSender {
  const send = (_subscriber: string, _pattern: string, batch: EventBatch, caller: string, options?: SendOptions) => {
    sent.push({ batch, caller, options, ambient: MessageContext.current() });
    const receipts: EventBatchReceipt = { receipts: batch.events.map((event) => ({ eventId: event.eventId, outcome: 'applied' })) };
    return Promise.resolve(receipts);
  };
  return { send } as unknown as MessageSender;
}

describe("the relay's batch: the envelope metadata named in the call, each event's from its outbox row", () => {
  let database: ModuleDatabase;
  let relay: OutboxRelay;
  const sent: Sent[] = [];

  beforeAll(async () => {
    database = await openModuleDatabase('auth', { entities: [], migrations: [] }, config);
    const hosted = new HostedDatabases();
    hosted.register({ name: 'auth', database });
    relay = new OutboxRelay(config, hosted, recordingSender(sent), UNTRACED);
  });
  afterAll(async () => {
    await relay.beforeApplicationShutdown();
    await database.close();
  });

  it('sends as the system in a trace of its own, with no ambient context, and each event keeps its trace, actor, source and id', async () => {
    const eventId = randomUUID();
    await database.transaction((manager) =>
      manager.insert(OutboxMessage, {
        eventId,
        pattern: 'auth.user.registered.v1',
        source: 'auth',
        subscriber: 'audit',
        payload: JSON.stringify({ userId: 'user-7' }),
        traceparent: PUBLISHED_IN,
        actor: JSON.stringify(ACTOR),
        occurredAt: new Date().toISOString(),
        nextAttemptAt: Date.now(),
      }),
    );
    relay.onApplicationBootstrap();
    await eventuallyTrue(() => Promise.resolve(sent.length > 0));

    const [{ batch, caller, options, ambient }] = sent;
    expect(ambient).toBeUndefined();
    expect(caller).toBe('auth');
    expect(options?.actor).toEqual(SYSTEM_ACTOR);
    expect(options?.trace?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(options?.trace?.traceId).not.toBe(parseTraceparent(PUBLISHED_IN)!.traceId);
    const [event] = batch.events;
    expect(event).toMatchObject({ eventId, source: 'auth', actor: ACTOR, payload: { userId: 'user-7' } });
    // in the trace of the request that published it, one hop further (its delivery span)
    expect(parseTraceparent(event.traceparent)?.traceId).toBe(parseTraceparent(PUBLISHED_IN)!.traceId);
  });
});
