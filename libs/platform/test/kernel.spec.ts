import { EventBatchReceipt, PlatformContract } from '@app/contracts';
import { randomUUID } from 'node:crypto';
import { eventuallyTrue } from './eventually-true';
import { EnvelopeSigner, formatTraceparent, HostedDatabases, MessageContext, MessageSender, newTrace } from '../src';
import { DeadLetters } from '../src/events/dead-letters';
import { OutboxRelay } from '../src/events/outbox-relay';
import { OutboxMessage } from '../src/events/outbox-message.entity';
import { SeenMessage } from '../src/envelope/seen-message.entity';
import { SeenMessages } from '../src/envelope/seen-messages';
import { NoteContract, NoteController } from './fixtures/note.fixture';
import { KernelMode, KernelSystem } from './kernel-system';
import { rawNatsWire, rawTcpWire } from './raw-wire';
import { failureOf, PostgresCluster, recordStatements, testPort } from '@app/testing';

const asUser = (roles: string[]) => ({ trace: newTrace(), actor: { kind: 'user' as const, id: 'u-1', roles }, module: 'gateway' });

const postgres = new PostgresCluster(testPort(22950));

describe.each<[string, KernelMode, number, boolean]>([
  ['in-process, on SQLite', 'in-process', 0, false],
  ['over TCP, on SQLite', 'tcp', 22900, false],
  ['over NATS, on SQLite', 'nats', 22920, false],
  ['in-process, on PostgreSQL', 'in-process', 0, true],
])('the kernel, with modules joined %s', (_, mode, portBase, onPostgres) => {
  const system = new KernelSystem(mode, portBase && testPort(portBase), onPostgres ? { databaseUrls: postgres.moduleUrls() } : {});

  beforeAll(async () => {
    if (onPostgres) await postgres.start();
    await system.start();
  }, 60_000);
  afterAll(async () => {
    await system.stop();
    if (onPostgres) postgres.stop();
  });

  it('answers a call through the typed bus with plain JSON', async () => {
    const result = await system.bus('gateway').call(NoteContract.write, { text: 'hello' });
    expect(result).toEqual({ id: expect.stringMatching(/^note-\d+$/) });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it('refuses an invalid payload with 400 naming the field', async () => {
    const body = await failureOf(system.bus('gateway').call(NoteContract.write, { text: '' }));
    expect(body).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'text', message: expect.stringContaining('text') }],
    });
  });

  it('refuses fields the contract does not have', async () => {
    const body = await failureOf(system.bus('gateway').call(NoteContract.write, { text: 'x', admin: true } as never));
    expect(body).toMatchObject({ status: 400, message: expect.stringContaining('property admin should not exist') });
  });

  it('carries a handler error across in the same shape', async () => {
    expect(await failureOf(system.bus('gateway').call(NoteContract.write, { text: 'conflict' }))).toEqual({
      status: 409,
      code: 'NOTE_EXISTS',
      message: 'that note exists',
    });
  });

  it('refuses a caller the handler does not list, and stamps the refusal for the audit log', async () => {
    const context = asUser(['user']);
    const body = await MessageContext.run(context, () => failureOf(system.bus('audit').call(NoteContract.write, { text: 'sneaky' })));
    expect(body).toMatchObject({ status: 403, code: 'CALLER_NOT_ALLOWED' });
    await eventuallyTrue(async () =>
      (await system.seenEvents()).some((e) => e.pattern === 'platform.message.refused.v1' && e.traceId === context.trace.traceId),
    );
  });

  it('refuses an actor without the required role, and serves one with it', async () => {
    const refused = await MessageContext.run(asUser(['user']), () => failureOf(system.bus('gateway').call(NoteContract.secret, {})));
    expect(refused).toMatchObject({ status: 403, code: 'ROLE_MISSING' });
    await expect(MessageContext.run(asUser(['admin']), () => system.bus('gateway').call(NoteContract.secret, {}))).resolves.toEqual({
      secret: 42,
    });
  });

  it('answers 401 to a handler that acts for a signed-in user when the actor is system or anonymous', async () => {
    expect(await failureOf(system.bus('gateway').call(NoteContract.mine, {}))).toMatchObject({
      status: 401,
      code: 'AUTHENTICATION_REQUIRED',
      message: 'auth.note.mine.v1 acts for a signed-in user',
    });
    await expect(MessageContext.run(asUser(['user']), () => system.bus('gateway').call(NoteContract.mine, {}))).resolves.toEqual({
      userId: 'u-1',
    });
  });

  it("delivers an event and the command stamp to the subscriber with the caller's trace ID", async () => {
    const context = asUser(['user']);
    await MessageContext.run(context, () => system.bus('gateway').call(NoteContract.write, { text: 'traced' }));
    await eventuallyTrue(async () => {
      const patterns = (await system.seenEvents())
        .filter((e) => e.traceId === context.trace.traceId)
        .map((e) => e.pattern)
        .sort();
      return patterns.join() === 'auth.note.written.v1,platform.command.handled.v1';
    });
  });

  it('publishes nothing when the transaction that published rolls back', async () => {
    const context = asUser(['user']);
    const body = await MessageContext.run(context, () => failureOf(system.bus('gateway').call(NoteContract.write, { text: 'roll back' })));
    expect(body).toMatchObject({ status: 500, code: 'INTERNAL' });
    await eventuallyTrue(async () =>
      (await system.seenEvents()).some((e) => e.traceId === context.trace.traceId && e.pattern === 'platform.command.handled.v1'),
    );
    expect((await system.seenEvents()).filter((e) => e.traceId === context.trace.traceId && e.pattern === 'auth.note.written.v1')).toEqual(
      [],
    );
  });

  it('gives a redelivered event exactly one effect', async () => {
    const sender = system.app.get(MessageSender);
    const delivery = {
      eventId: '2c7c3b52-5f59-4a8e-9d8e-2f0d2a1f4b11',
      pattern: 'auth.note.written.v1',
      source: 'auth',
      payload: { text: 'twice' },
      occurredAt: new Date().toISOString(),
      traceparent: formatTraceparent(newTrace()),
      actor: { kind: 'system' as const },
    };
    const batch = { subscriber: 'audit', events: [delivery] };
    const first = await sender.send('audit', PlatformContract.deliverEvents.pattern, batch, 'auth');
    const second = await sender.send('audit', PlatformContract.deliverEvents.pattern, batch, 'auth');
    expect([first, second]).toEqual([
      { receipts: [{ eventId: delivery.eventId, outcome: 'applied' }] },
      { receipts: [{ eventId: delivery.eventId, outcome: 'duplicate' }] },
    ]);
    expect((await system.seenEvents()).filter((e) => e.eventId === delivery.eventId)).toHaveLength(1);
  });

  it('refuses an event delivered by a module other than its source, and audits the refusal, in every topology', async () => {
    const sender = system.app.get(MessageSender);
    const context = asUser(['user']);
    const delivery = {
      eventId: randomUUID(),
      pattern: 'auth.note.written.v1',
      source: 'auth',
      payload: { text: 'not yours' },
      occurredAt: new Date().toISOString(),
      traceparent: formatTraceparent(newTrace()),
      actor: { kind: 'system' as const },
    };
    const { receipts } = await MessageContext.run(context, () =>
      sender.send<EventBatchReceipt>(
        'audit',
        PlatformContract.deliverEvents.pattern,
        { subscriber: 'audit', events: [delivery] },
        'billing',
      ),
    );
    expect(receipts).toEqual([
      { eventId: delivery.eventId, outcome: 'failed', error: expect.objectContaining({ status: 403, code: 'CALLER_NOT_ALLOWED' }) },
    ]);
    await eventuallyTrue(async () =>
      (await system.seenEvents()).some((e) => e.pattern === 'platform.message.refused.v1' && e.traceId === context.trace.traceId),
    );
    expect((await system.seenEvents()).filter((e) => e.eventId === delivery.eventId)).toEqual([]);
  });

  it('refuses a batch sent to another module than its subscriber', async () => {
    const sender = system.app.get(MessageSender);
    const event = {
      eventId: randomUUID(),
      pattern: 'auth.note.written.v1',
      source: 'auth',
      payload: { text: 'misaddressed' },
      occurredAt: new Date().toISOString(),
      traceparent: formatTraceparent(newTrace()),
      actor: { kind: 'system' as const },
    };
    const batch = { subscriber: 'auth', events: [event] };
    const body = await failureOf(sender.send('audit', PlatformContract.deliverEvents.pattern, batch, 'auth'));
    expect(body).toMatchObject({ status: 400, code: 'BAD_ENVELOPE', message: 'the batch is for auth, but the message was sent to audit' });
  });

  it('applies a batch in order, each event alone: stops at the first failure and keeps what came before', async () => {
    const sender = system.app.get(MessageSender);
    const trace = newTrace();
    const event = (text: string, extra: object = {}) => ({
      eventId: randomUUID(),
      pattern: 'auth.note.written.v1',
      source: 'auth',
      payload: { text, ...extra },
      occurredAt: new Date().toISOString(),
      traceparent: formatTraceparent(trace),
      actor: { kind: 'user' as const, id: 'u-batch', roles: [] },
    });
    const [first, failing, after] = [event('first'), event('fails', { failAfterWriting: true }), event('after')];
    const send = (events: object[]) =>
      sender.send<EventBatchReceipt>('audit', PlatformContract.deliverEvents.pattern, { subscriber: 'audit', events }, 'auth');
    const { receipts } = await send([first, failing, after]);
    expect(receipts).toEqual([
      { eventId: first.eventId, outcome: 'applied' },
      { eventId: failing.eventId, outcome: 'failed', error: expect.objectContaining({ status: 500 }) },
    ]);
    const seen = async () => (await system.seenEvents()).filter((e) => e.traceId === trace.traceId).map((e) => e.eventId);
    expect(await seen()).toEqual([first.eventId]);
    const retried = await send([first, { ...failing, payload: { text: 'fails no more' } }, after]);
    expect(retried.receipts.map((r) => r.outcome)).toEqual(['duplicate', 'applied', 'applied']);
    expect((await seen()).sort()).toEqual([first.eventId, failing.eventId, after.eventId].sort());
  });

  (mode === 'in-process' ? it : it.skip)(
    'dead-letters a row refused OUTBOX_MAX_ATTEMPTS times; rows of other keys flow past it, a row of its key waits for it',
    async () => {
      const auth = system.app.get(HostedDatabases).get('auth')!.database;
      const trace = newTrace();
      const row = (text: string, orderingKey: string | null, extra: object = {}): Partial<OutboxMessage> => ({
        eventId: randomUUID(),
        pattern: 'auth.note.written.v1',
        source: 'auth',
        subscriber: 'audit',
        payload: JSON.stringify({ text, ...extra }),
        traceparent: formatTraceparent(trace),
        actor: JSON.stringify({ kind: 'system' }),
        occurredAt: new Date().toISOString(),
        attempts: 0,
        refusals: 0,
        nextAttemptAt: Date.now(),
        orderingKey,
      });
      const poison = row('poison', 'note:1', { failAfterWriting: true });
      const sameKey = row('after the poison, same key', 'note:1');
      const otherKey = row('other key', 'note:2');
      const noKey = row('no key', null);
      await auth.transaction((manager) => manager.insert(OutboxMessage, [poison, sameKey, otherKey, noKey]));
      system.app.get(OutboxRelay).kick();
      const stored = async (eventId: string) => await auth.read((manager) => manager.findOneByOrFail(OutboxMessage, { eventId }));

      const dead = await eventuallyTrue(async () => (await stored(poison.eventId!)).deadLetteredAt !== null).then(() =>
        stored(poison.eventId!),
      );
      expect(dead).toMatchObject({ refusals: 3, attempts: 3, deliveredAt: null, deadLetterReason: expect.stringContaining('INTERNAL') });
      await eventuallyTrue(async () => (await stored(sameKey.eventId!)).deliveredAt !== null);
      const [other, none, follower] = await Promise.all([stored(otherKey.eventId!), stored(noKey.eventId!), stored(sameKey.eventId!)]);
      expect(other.deliveredAt! < dead.deadLetteredAt!).toBe(true);
      expect(none.deliveredAt! < dead.deadLetteredAt!).toBe(true);
      expect(follower.deliveredAt! >= dead.deadLetteredAt!).toBe(true);

      const listed = await system.app.get(DeadLetters).list('auth');
      expect(listed.deadLetters).toEqual([
        expect.objectContaining({
          module: 'auth',
          seq: dead.seq,
          eventId: poison.eventId,
          subscriber: 'audit',
          orderingKey: 'note:1',
          refusals: 3,
        }),
      ]);

      const sender = system.app.get(MessageSender);
      const resubmit = (roles: string[], seq: number) =>
        MessageContext.run(asUser(roles), () =>
          sender.send('auth', PlatformContract.resubmitDeadLetter.pattern, { module: 'auth', seq }, 'gateway'),
        );
      expect(await failureOf(resubmit(['user'], dead.seq))).toMatchObject({ status: 403, code: 'ROLE_MISSING' });
      expect(await failureOf(resubmit(['admin'], dead.seq + 1000))).toMatchObject({ status: 404, code: 'DEAD_LETTER_NOT_FOUND' });
      expect(await resubmit(['admin'], dead.seq)).toMatchObject({ module: 'auth', seq: dead.seq, eventId: poison.eventId });
      await eventuallyTrue(async () => {
        const stamps = (await system.seenEvents()).filter(
          (e) => e.pattern === 'platform.command.handled.v1' && e.payload.includes('platform.dead-letters.resubmit.v1'),
        );
        return stamps.length === 2;
      });
      // Still poisonous: refused again with a fresh budget, dead-lettered again.
      await eventuallyTrue(async () => (await stored(poison.eventId!)).deadLetteredAt !== null);
      expect(await stored(poison.eventId!)).toMatchObject({ refusals: 3, attempts: 3 });
    },
  );

  (mode === 'in-process' ? it : it.skip)('delivers a burst in batches, marking many rows per UPDATE', async () => {
    const auth = system.app.get(HostedDatabases).get('auth')!.database;
    const context = asUser(['user']);
    const { statements } = await recordStatements([auth], async () => {
      await MessageContext.run(context, () =>
        Promise.all(Array.from({ length: 30 }, (_, i) => system.bus('gateway').call(NoteContract.write, { text: `burst ${i}` }))),
      );
      await eventuallyTrue(async () => (await system.seenEvents()).filter((e) => e.traceId === context.trace.traceId).length === 60);
    });
    const marks = statements.filter((statement) => /^UPDATE ("auth"\.)?"outbox_messages" SET "deliveredAt"/.test(statement));
    const rowsPerMark = marks.map((mark) => mark.slice(mark.lastIndexOf(' IN (')).split(',').length);
    expect(marks.length).toBeGreaterThan(0);
    expect(Math.max(...rowsPerMark)).toBeGreaterThan(1);
  });

  it('refuses a call whose deadline has passed with 504, whatever the transport', async () => {
    const expired = { ...asUser(['admin']), deadline: Date.now() - 1 };
    const body = await MessageContext.run(expired, () => failureOf(system.bus('gateway').call(NoteContract.secret, {})));
    expect(body.status).toBe(504);
  });

  (mode === 'in-process' ? it : it.skip)('never lets an in-process callee share a live object with its caller', async () => {
    const request = { text: 'shared?' };
    const answer = await system.bus('gateway').call(NoteContract.echo, request);
    const handler = system.app.get(NoteController);
    expect(handler.lastEcho).toEqual({ text: 'shared?' });
    request.text = 'changed by the caller after the call';
    answer.kept.push('changed by the caller');
    expect(handler.lastEcho).toEqual({ text: 'shared?' });
    expect(handler.kept).toEqual(['kept by the handler']);
  });

  it("remembers a command's message ID once in the callee's database, until it expires (ADR 0023)", async () => {
    const seen = system.app.get(SeenMessages);
    const [messageId, deadline] = [randomUUID(), Date.now() + 10_000];
    // Two at once: exactly one is the first sighting, whichever commits first.
    const both = await Promise.all([seen.firstSighting('audit', messageId, deadline), seen.firstSighting('audit', messageId, deadline)]);
    expect([...both].sort()).toEqual([false, true]);
    expect(await seen.firstSighting('audit', messageId, deadline)).toBe(false);
    const audit = system.app.get(HostedDatabases).get('audit')!.database;
    const expiresAt = async () => (await audit.read((manager) => manager.findOneByOrFail(SeenMessage, { messageId }))).expiresAt;
    expect(Number(await expiresAt())).toBe(deadline);
    await seen.sweepExpired(deadline - 1);
    expect(await seen.firstSighting('audit', messageId, deadline)).toBe(false);
    await seen.sweepExpired(deadline + 1);
    expect(await seen.firstSighting('audit', messageId, deadline)).toBe(true);
  });

  (mode === 'in-process' ? it.skip : it)(
    'refuses a command replayed after the receiving process restarted; a query is remembered only until then (ADR 0023)',
    async () => {
      const signer = system.app.get(EnvelopeSigner);
      const now = Date.now();
      const sealed = (pattern: string, payload: object) =>
        signer.seal(
          {
            messageId: randomUUID(),
            pattern,
            traceparent: formatTraceparent(newTrace()),
            caller: 'gateway',
            callee: 'auth',
            actor: { kind: 'user', id: 'u', roles: ['admin'] },
            issuedAt: now,
            deadline: now + 30_000,
          },
          payload,
        );
      const command = sealed(NoteContract.write.pattern, { text: `once ${now}` });
      const query = sealed(NoteContract.secret.pattern, {});
      const wire = () =>
        mode === 'tcp' ? Promise.resolve(rawTcpWire(testPort(portBase) + 1)) : rawNatsWire(`nats://127.0.0.1:${testPort(portBase)}`);
      const sendRaw = async (envelope: { meta: { pattern: string } }) => {
        const open = await wire();
        try {
          return await open.send('auth', envelope.meta.pattern, envelope);
        } finally {
          await open.close();
        }
      };
      expect(await sendRaw(command)).toEqual({ id: expect.stringMatching(/^note-/) });
      expect(await sendRaw(query)).toEqual({ secret: 42 });
      await system.restartRemote();
      expect(await sendRaw(command)).toMatchObject({ status: 409, code: 'REPLAYED' });
      expect(await sendRaw(query)).toEqual({ secret: 42 });

      const seen = system.remoteApp.get(SeenMessages);
      const auth = system.remoteApp.get(HostedDatabases).get('auth')!.database;
      const remembered = () => auth.read((manager) => manager.countBy(SeenMessage, { messageId: command.meta.messageId }));
      expect(await remembered()).toBe(1);
      await seen.sweepExpired(now + 29_000);
      expect(await remembered()).toBe(1);
      expect(await seen.sweepExpired(now + 30_001)).toBeGreaterThan(0);
      expect(await remembered()).toBe(0);
    },
    30_000,
  );

  (mode === 'in-process' ? it.skip : it)(
    'refuses a correctly signed message sent a second time (replay), and one past its deadline',
    async () => {
      const signer = system.app.get(EnvelopeSigner);
      const wire = mode === 'tcp' ? rawTcpWire(testPort(portBase) + 1) : await rawNatsWire(`nats://127.0.0.1:${testPort(portBase)}`);
      const now = Date.now();
      const meta = {
        messageId: `replay-${mode}-${now}`,
        pattern: NoteContract.secret.pattern,
        traceparent: formatTraceparent(newTrace()),
        caller: 'gateway' as const,
        callee: 'auth' as const,
        actor: { kind: 'user' as const, id: 'u', roles: ['admin'] },
        issuedAt: now,
        deadline: now + 5000,
      };
      const sendRaw = (envelope: object) => wire.send('auth', NoteContract.secret.pattern, envelope);
      try {
        expect(await sendRaw(signer.seal(meta, {}))).toEqual({ secret: 42 });
        expect(await sendRaw(signer.seal(meta, {}))).toMatchObject({ status: 409, code: 'REPLAYED' });
        expect(await sendRaw(signer.seal({ ...meta, messageId: `late-${now}`, deadline: now - 1 }, {}))).toMatchObject({
          status: 504,
          code: 'DEADLINE_EXPIRED',
        });
        expect(await sendRaw({ ...signer.seal({ ...meta, messageId: `forged-${now}` }, {}), signature: '0'.repeat(64) })).toMatchObject({
          status: 401,
          code: 'BAD_SIGNATURE',
        });
      } finally {
        await wire.close();
      }
    },
  );

  (mode === 'in-process' ? it : it.skip)('deletes delivered outbox rows past their retention, never undelivered ones', async () => {
    await system.bus('gateway').call(NoteContract.write, { text: 'to be purged' });
    const hosted = system.app.get(HostedDatabases);
    const outbox = () => Promise.all(hosted.all().map((m) => m.database.read((manager) => manager.find(OutboxMessage))));
    // Settled first: a row delivered while the purge runs would be younger than the purge, not kept by it.
    await eventuallyTrue(async () => (await outbox()).flat().every((row) => row.deliveredAt !== null || row.deadLetteredAt !== null));
    const cutoff = Date.now() + 1;
    expect(await system.app.get(OutboxRelay).purgeDeliveredBefore(cutoff)).toBeGreaterThan(0);
    const left = (await outbox()).flat();
    expect(left.filter((row) => row.deliveredAt !== null && row.deliveredAt < new Date(cutoff).toISOString())).toEqual([]);
  });
});
