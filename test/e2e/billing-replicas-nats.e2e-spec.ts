import { uniqueEmail } from '../support/accounts';
import { eventually } from '../support/eventually';
import { movedTwice, readLedger } from '../support/payment-ledger';
import { runPostgresSql } from '../support/postgres-sql';
import { useReplicatedSystem } from './replicated-system';

const SIGNUPS = 30;
const CONCURRENT = 5;
const PAID = 'billing.invoice.paid.v1';
const HANDLED =
  /archipelago_messages_handled_total\{pattern="billing\.subscription\.create\.v1",caller="[^"]+",outcome="ok",process="billing",instance="(billing#\d+)"\} (\d+)/g;

/**
 * Issue 8, replicas (ADR 0028): billing started twice on one NATS bus, both replicas on billing's
 * PostgreSQL schema. The queue group spreads the signups' calls over both; the relays of both
 * deliver billing's events; and reconciled from the databases and the provider's ledger, every
 * signup is one paid invoice, one charge, and one `billing.invoice.paid.v1` in the audit log.
 */
describe('billing twice on one NATS bus, sharing its PostgreSQL schema ("nats-replicas")', () => {
  const { postgres, system } = useReplicatedSystem(25200);
  /** The reconciliation reads every module's schema as the superuser: the auditor's view (ADR 0031). */
  const sql = (query: string) => runPostgresSql(postgres.url, query);
  const emails = Array.from({ length: SIGNUPS }, () => uniqueEmail('replicas'));

  it('starts billing as two processes, billing#1 and billing#2', () => {
    expect(system.processNames().filter((name) => name.startsWith('billing'))).toEqual(['billing#1', 'billing#2']);
    expect(system.process('billing#1').pid).not.toBe(system.process('billing#2').pid);
  });

  it('signs up 30 users, the calls shared by both billing replicas', async () => {
    const statuses: number[] = [];
    for (let start = 0; start < SIGNUPS; start += CONCURRENT) {
      const batch = emails.slice(start, start + CONCURRENT).map((email) =>
        system.http('POST', '/signup', {
          body: { email, password: 'correct horse battery', planId: 'basic-monthly', paymentToken: 'tok_ok' },
        }),
      );
      statuses.push(...(await Promise.all(batch)).map((result) => result.status));
    }
    expect(statuses).toEqual(emails.map(() => 201));

    // Each scrape reaches one replica through the queue group: scrape until both have answered.
    const handled = new Map<string, number>();
    for (let scrape = 0; scrape < 40 && handled.size < 2; scrape++) {
      const text = await (await fetch(`${system.baseUrl}/metrics`)).text();
      for (const [, instance, count] of text.matchAll(HANDLED)) handled.set(instance, Number(count));
    }
    expect([...handled.keys()].sort()).toEqual(
      [`billing#${system.process('billing#1').pid}`, `billing#${system.process('billing#2').pid}`].sort(),
    );
    expect([...handled.values()].every((count) => count > 0)).toBe(true);
    expect([...handled.values()].reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(SIGNUPS);
  }, 120_000);

  it('reconciles: one paid invoice and one charge per signup, nothing moved twice, each payment audited once', async () => {
    const users = await sql(`SELECT id FROM auth.users WHERE email IN (${emails.map((email) => `'${email}'`).join(', ')})`);
    expect(users).toHaveLength(SIGNUPS);
    const userIds = users.map((user) => `'${String(user.id)}'`).join(', ');
    const invoices = await sql(`SELECT id, status FROM billing.invoices WHERE "userId" IN (${userIds})`);
    expect(invoices).toHaveLength(SIGNUPS);
    expect(invoices.filter((invoice) => invoice.status !== 'paid')).toEqual([]);

    const ledger = readLedger(system.dataDir);
    expect(movedTwice(ledger)).toEqual([]);
    const charged = ledger.filter((line) => line.kind === 'charge').map((line) => line.key);
    expect(invoices.map((invoice) => `charge:${String(invoice.id)}`).filter((key) => !charged.includes(key))).toEqual([]);
    expect(ledger.filter((line) => line.kind === 'refund')).toEqual([]);

    const paidIds = invoices.map((invoice) => String(invoice.id));
    await eventually(async () => {
      const audited = await sql(`SELECT "eventId", payload FROM audit.audit_entries WHERE action = '${PAID}'`);
      const invoiceIds = audited.map((entry) => (JSON.parse(String(entry.payload)) as { invoiceId: string }).invoiceId);
      const ours = invoiceIds.filter((invoiceId) => paidIds.includes(invoiceId));
      expect(ours.sort()).toEqual([...paidIds].sort());
      expect(new Set(audited.map((entry) => entry.eventId)).size).toBe(audited.length);
    }, 20_000);
  }, 60_000);
});
