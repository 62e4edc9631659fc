import { EventBatch, EventBatchReceipt } from '@app/contracts';
import { PostgresCluster, testPort } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostedDatabases, MessageSender, ModuleDatabase, readPlatformConfig } from '../src';
import { OutboxMessage } from '../src/events/outbox-message.entity';
import { OutboxRelay } from '../src/events/outbox-relay';
import { openModuleDatabase } from '../src/database/open-module-database';
import { UNTRACED } from '../src/tracing/tracing';
import { eventuallyTrue } from './eventually-true';

const postgres = new PostgresCluster(testPort(22960));
const config = readPlatformConfig({
  DATA_DIR: mkdtempSync(join(tmpdir(), 'archipelago-claims-')),
  AUTH_DATABASE_URL: postgres.moduleUrls().AUTH_DATABASE_URL,
  OUTBOX_RELAY_INTERVAL_MS: '20',
  CALL_TIMEOUT_MS: '2000',
});

/**
 * Subscribers that count every event they are handed, by `<subscriber> <eventId>` (no inbox: a
 * second delivery counts twice), taking a few ms per batch.
 */
class CountingSubscriber {
  readonly deliveries = new Map<string, number>();
  readonly order: string[] = [];
  readonly sender = {
    send: async (subscriber: string, _pattern: string, batch: EventBatch): Promise<EventBatchReceipt> => {
      await sleep(5);
      for (const event of batch.events) {
        const delivery = `${subscriber} ${event.eventId}`;
        this.deliveries.set(delivery, (this.deliveries.get(delivery) ?? 0) + 1);
        this.order.push(delivery);
      }
      return { receipts: batch.events.map((event) => ({ eventId: event.eventId, outcome: 'applied' as const })) };
    },
  } as unknown as MessageSender;
}

/** One replica's relay: its own connection pool to the shared `auth` schema. */
function relayOver(database: ModuleDatabase, subscriber: CountingSubscriber): OutboxRelay {
  const hosted = new HostedDatabases();
  hosted.register({ name: 'auth', database });
  return new OutboxRelay(config, hosted, subscriber.sender, UNTRACED);
}

function outboxRow(index: number, orderingKey: string) {
  return {
    eventId: randomUUID(),
    pattern: 'auth.user.registered.v1',
    source: 'auth',
    subscriber: 'audit',
    payload: JSON.stringify({ index }),
    traceparent: '00-00000000000000000000000000000001-0000000000000001-01',
    actor: JSON.stringify({ kind: 'system' }),
    occurredAt: new Date().toISOString(),
    nextAttemptAt: Date.now(),
    orderingKey,
  };
}

describe('two replicas over one PostgreSQL schema (ADR 0028)', () => {
  const databases: ModuleDatabase[] = [];
  beforeAll(() => postgres.start(), 60_000);
  afterAll(async () => {
    for (const database of databases) await database.close();
    postgres.stop();
  });

  it('opens the schema from both at once: one migrates, the other waits and finds nothing left to apply', async () => {
    const open = () => openModuleDatabase('auth', { entities: [], migrations: [] }, config);
    databases.push(...(await Promise.all([open(), open()])));
    const applied = await databases[0].read((manager) => manager.query('SELECT name FROM "auth"."migrations"'));
    expect(applied).toHaveLength(4);
  }, 60_000);

  /** Writes `rows` into the outbox through `writer`, 50 per transaction, then runs both relays until every row reached `subscriber`. */
  async function deliverWithBothRelays(
    writer: ModuleDatabase,
    rows: Partial<OutboxMessage>[],
    subscriber: CountingSubscriber,
  ): Promise<void> {
    const relays = databases.map((database) => relayOver(database, subscriber));
    for (let start = 0; start < rows.length; start += 50) {
      await writer.transaction((manager) => manager.insert(OutboxMessage, rows.slice(start, start + 50)));
    }
    relays.forEach((relay) => relay.onApplicationBootstrap());
    try {
      await eventuallyTrue(() => Promise.resolve(subscriber.deliveries.size === rows.length), 30_000);
      await sleep(200);
    } finally {
      for (const relay of relays) await relay.beforeApplicationShutdown();
    }
  }

  it('delivers each event exactly once, to a subscriber that counts, and keeps the order of each key', async () => {
    const subscriber = new CountingSubscriber();
    const rows = Array.from({ length: 400 }, (_, index) => outboxRow(index, `key-${index % 7}`));
    await deliverWithBothRelays(databases[0], rows, subscriber);
    const twice = [...subscriber.deliveries].filter(([, count]) => count > 1);
    expect(twice).toEqual([]);
    expect(subscriber.order).toHaveLength(rows.length);
    const position = new Map(subscriber.order.map((delivery, index) => [delivery, index]));
    for (let index = 7; index < rows.length; index++) {
      expect(position.get(`audit ${rows[index].eventId}`)).toBeGreaterThan(position.get(`audit ${rows[index - 7].eventId}`)!);
    }
    const stored = await databases[1].read((manager) => manager.find(OutboxMessage));
    expect(stored.filter((row) => row.deliveredAt === null || row.claimedUntil !== null)).toEqual([]);
  }, 60_000);

  it('delivers an event with two subscribers once to each: one row per subscriber, each claimed on its own', async () => {
    const subscriber = new CountingSubscriber();
    const events = Array.from({ length: 150 }, (_, index) => outboxRow(index, `key-${index % 5}`));
    const rows = events.flatMap((row) => [row, { ...row, subscriber: 'notification' }]);
    await deliverWithBothRelays(databases[1], rows, subscriber);
    expect([...subscriber.deliveries].filter(([, count]) => count > 1)).toEqual([]);
    for (const name of ['audit', 'notification']) {
      expect(subscriber.order.filter((delivery) => delivery.startsWith(`${name} `)).sort()).toEqual(
        events.map((event) => `${name} ${event.eventId}`).sort(),
      );
    }
  }, 60_000);
});
