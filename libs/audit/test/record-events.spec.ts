import { AuditEntryView, MessageRefusedEvent, PlatformEvents } from '@app/contracts';
import { newTrace } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { AuditTestApp, startAuditTestApp } from './support/audit-test-app';
import { asAdmin, commandHandled, invoicePaid, userActor, userRegistered } from './support/events';

describe('audit records every event it is delivered', () => {
  let audit: AuditTestApp;
  const byTrace = (traceId: string): Promise<AuditEntryView[]> =>
    asAdmin(() => audit.gateway.search({ traceId })).then((page) => page.entries);

  beforeAll(async () => {
    audit = await startAuditTestApp();
  });

  afterAll(() => audit?.close());

  it('an event becomes an entry with its pattern, source module, actor, trace and payload', async () => {
    const trace = newTrace();
    const actor = userActor();
    const event = invoicePaid(actor.id);
    const eventId = randomUUID();

    await expect(audit.deliver(event, { eventId, actor, trace })).resolves.toEqual({ eventId, duplicate: false });

    const [entry] = await byTrace(trace.traceId);
    expect(entry).toMatchObject({
      eventId,
      action: 'billing.invoice.paid.v1',
      module: 'billing',
      actor: `user:${actor.id}`,
      traceId: trace.traceId,
      payload: event.payload,
    });
    expect(entry.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(Date.parse(entry.recordedAt)).toBeGreaterThanOrEqual(Date.parse(entry.occurredAt));
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('consecutive entries get consecutive seqs, each linked to the hash of the one before', async () => {
    const trace = newTrace();
    for (const event of [userRegistered(), invoicePaid(), userRegistered()]) await audit.deliver(event, { trace });

    const entries = (await byTrace(trace.traceId)).reverse();

    expect(entries.map((e) => e.seq - entries[0].seq)).toEqual([0, 1, 2]);
    expect(entries[1].prevHash).toBe(entries[0].hash);
    expect(entries[2].prevHash).toBe(entries[1].hash);
    await expect(asAdmin(() => audit.gateway.verifyChain())).resolves.toMatchObject({ valid: true, head: entries[2].hash });
  });

  it('the very first entry links to 64 zeros', async () => {
    await audit.deliver(userRegistered());

    const first = await asAdmin(() => audit.gateway.search({ limit: 500 })).then((page) => page.entries.at(-1)!);

    expect([first.seq, first.prevHash]).toEqual([1, '0'.repeat(64)]);
  });

  it('when the same event is delivered twice, there is one entry', async () => {
    const trace = newTrace();
    const eventId = randomUUID();

    const first = await audit.deliver(userRegistered(), { eventId, trace });
    const second = await audit.deliver(userRegistered(), { eventId, trace });

    expect([first.duplicate, second.duplicate]).toEqual([false, true]);
    expect((await byTrace(trace.traceId)).map((e) => e.eventId)).toEqual([eventId]);
  });

  it('the system and anonymous actors are recorded by kind', async () => {
    const trace = newTrace();
    await audit.deliver(userRegistered(), { trace, actor: { kind: 'system' } });
    await audit.deliver(userRegistered(), { trace, actor: { kind: 'anonymous' } });

    expect((await byTrace(trace.traceId)).map((e) => e.actor)).toEqual(['anonymous', 'system']);
  });

  it("the kernel's stamps are recorded under the module that stamped them", async () => {
    const trace = newTrace();
    const refused: MessageRefusedEvent = {
      pattern: 'billing.invoice.refund.v1',
      reason: 'role-missing',
      claimedCaller: 'gateway',
      detail: 'billing.invoice.refund.v1 needs the role admin',
    };
    await audit.deliver(commandHandled('auth', 'auth.user.register.v1'), { trace });
    await audit.deliver({ pattern: PlatformEvents.messageRefused.pattern, source: 'billing', payload: { ...refused } }, { trace });

    const entries = await byTrace(trace.traceId);

    expect(entries.map((e) => [e.action, e.module])).toEqual([
      ['platform.message.refused.v1', 'billing'],
      ['platform.command.handled.v1', 'auth'],
    ]);
    expect(entries[0].payload).toEqual(refused);
  });

  it('fields named like a password, token or secret never reach the log', async () => {
    const trace = newTrace();
    const payload = { email: 'ada@archipelago.test', newPassword: 'hunter22', resetToken: 'abc', device: { apiSecret: 's', name: 'cli' } };

    await audit.deliver({ pattern: 'auth.password.reset.v1', source: 'auth', payload }, { trace });

    const [entry] = await byTrace(trace.traceId);
    expect(entry.payload).toEqual({ email: 'ada@archipelago.test', device: { name: 'cli' } });
  });
});
