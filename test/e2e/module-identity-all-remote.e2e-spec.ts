import { BillingContract, CallerName, ModuleName, PlatformContract } from '@app/contracts';
import { EnvelopeMeta } from '@app/platform';
import { testPort } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { newAccount, traceparent } from '../support/accounts';
import { eventually } from '../support/eventually';
import { envelopeForgedBy, signerOfProcessHosting } from '../support/forged-envelopes';
import { readLedger } from '../support/payment-ledger';
import { sendRawTcpPacket } from '../support/raw-tcp';
import { signupOutcomes } from '../support/signup-outcomes';
import { readSql } from '../support/sqlite-file';
import { SystemUnderTest } from '../support/system-under-test';

const BASIC_MONTHLY_MINOR = 900;

/**
 * Issue 7, items 1 and 2, with every module in its own process (the monolith has no wire): a
 * compromised notification process cannot speak as the gateway or billing, cannot pass billing's
 * events off as its own deliveries, and a captured frame replayed after the receiver restarted
 * moves no money twice (ADR 0022, ADR 0023). Frames are forged with the system's own key set.
 */
describe('module identity and persisted replay protection, all-remote', () => {
  const system = new SystemUnderTest('all-remote', testPort(24200));
  const portOf = (module: ModuleName) => system.tcpPortOf(system.processOf(module));
  const metaFor = (pattern: string, caller: CallerName, callee: ModuleName, actor: EnvelopeMeta['actor'], trace = traceparent()) => {
    const now = Date.now();
    return { messageId: randomUUID(), pattern, traceparent: trace.header, caller, callee, actor, issuedAt: now, deadline: now + 30_000 };
  };
  const send = (module: ModuleName, envelope: { meta: { pattern: string } }) =>
    sendRawTcpPacket(portOf(module), { id: randomUUID(), pattern: envelope.meta.pattern, data: envelope });
  const auditRows = (where: string, parameters: unknown[]) =>
    readSql(join(system.dataDir, 'audit.sqlite'), `SELECT action, module, payload FROM audit_entries WHERE ${where}`, parameters);

  beforeAll(() => system.start(), 120_000);
  afterAll(() => system.stop(), 60_000);

  it.each<[CallerName, ModuleName, string]>([
    ['gateway', 'billing', BillingContract.createSubscription.pattern],
    ['billing', 'audit', PlatformContract.deliverEvents.pattern],
  ])(
    'refuses a message signed in the notification process claiming to be %s (to %s), and audits it',
    async (claimed, callee, pattern) => {
      const trace = traceparent();
      const forged = envelopeForgedBy(system.keysDir, 'notification', metaFor(pattern, claimed, callee, { kind: 'system' }, trace), {});
      const reply = await send(callee, forged);
      expect(reply.err).toMatchObject({ status: 401, code: 'BAD_SIGNATURE' });
      const refusals = await eventually(async () => {
        const rows = await auditRows(`action = 'platform.message.refused.v1' AND "traceId" = ?`, [trace.traceId]);
        expect(rows).toHaveLength(1);
        return rows;
      });
      expect(refusals[0].module).toBe(callee);
      expect(JSON.parse(refusals[0].payload as string)).toMatchObject({ pattern, reason: 'bad-signature', claimedCaller: claimed });
    },
    30_000,
  );

  it('refuses an event of billing delivered by the notification process, and nothing lands in audit as billing', async () => {
    const notification = signerOfProcessHosting(system.keysDir, ['notification']);
    const trace = traceparent();
    const event = {
      eventId: randomUUID(),
      pattern: 'billing.invoice.paid.v1',
      source: 'billing',
      payload: {
        invoiceId: randomUUID(),
        subscriptionId: randomUUID(),
        userId: randomUUID(),
        planId: 'basic-monthly',
        amountMinor: 1,
        currency: 'EUR',
      },
      occurredAt: new Date().toISOString(),
      traceparent: trace.header,
      actor: { kind: 'system' },
    };
    const meta = metaFor(PlatformContract.deliverEvents.pattern, 'notification', 'audit', { kind: 'system' }, trace);
    const reply = await send('audit', notification.seal(meta, { subscriber: 'audit', events: [event] }));
    expect(reply.response).toEqual({
      receipts: [
        { eventId: event.eventId, outcome: 'failed', error: expect.objectContaining({ status: 403, code: 'CALLER_NOT_ALLOWED' }) },
      ],
    });
    const refusal = await eventually(async () => {
      const rows = await auditRows(`action = 'platform.message.refused.v1' AND "traceId" = ?`, [trace.traceId]);
      expect(rows).toHaveLength(1);
      return rows[0];
    });
    expect(JSON.parse(refusal.payload as string)).toMatchObject({ reason: 'caller-not-allowed', claimedCaller: 'notification' });
    expect(refusal.module).toBe('audit');
    expect(await auditRows(`"eventId" = ? OR (module = 'billing' AND "traceId" = ?)`, [event.eventId, trace.traceId])).toEqual([]);
  }, 30_000);

  it('refuses a captured billing frame replayed after billing restarted: one invoice, one charge', async () => {
    const account = await newAccount(system, 'replay');
    const gateway = signerOfProcessHosting(system.keysDir, ['gateway']);
    const actor = { kind: 'user' as const, id: account.userId, roles: ['user'] };
    const trace = traceparent();
    const captured = gateway.seal(metaFor(BillingContract.createSubscription.pattern, 'gateway', 'billing', actor, trace), {
      planId: 'basic-monthly',
      paymentToken: 'tok_ok',
    });
    const first = await send('billing', captured);
    expect(first.err).toBeUndefined();
    expect(first.response).toMatchObject({ planId: 'basic-monthly', status: 'active' });

    const billing = system.process(system.processOf('billing'));
    await billing.stop();
    await billing.start();
    const replayed = await send('billing', captured);
    expect(replayed.err).toMatchObject({ status: 409, code: 'REPLAYED' });

    const outcomes = await signupOutcomes(system.dataDir, [account.email], BASIC_MONTHLY_MINOR);
    expect(outcomes.problems).toEqual([]);
    expect([...outcomes.kept]).toEqual([account.email]);
    const invoices = await readSql(join(system.dataDir, 'billing.sqlite'), 'SELECT id FROM invoices WHERE "userId" = ?', [account.userId]);
    expect(invoices).toHaveLength(1);
    const charges = readLedger(system.dataDir).filter(
      (line) => line.kind === 'charge' && line.key === `charge:${invoices[0].id as string}`,
    );
    expect(charges).toHaveLength(1);
    const refusal = await eventually(async () => {
      const rows = await auditRows(`action = 'platform.message.refused.v1' AND "traceId" = ?`, [trace.traceId]);
      expect(rows).toHaveLength(1);
      return rows[0];
    });
    expect(JSON.parse(refusal.payload as string)).toMatchObject({ reason: 'replayed', claimedCaller: 'gateway' });
  }, 60_000);
});
