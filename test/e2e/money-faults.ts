import { PostgresCluster, testPort } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { adminToken, uniqueEmail } from '../support/accounts';
import { eventually } from '../support/eventually';
import { LedgerLine, movedTwice, readLedger } from '../support/payment-ledger';
import { ledgerCounts, signupOutcomes } from '../support/signup-outcomes';
import { readSql } from '../support/sqlite-file';
import { HttpResult, SystemUnderTest } from '../support/system-under-test';

const PRICE = 900;
const PAUSE_AFTER_MS = 800;
const PAUSE_FOR_MS = 3000;
const STREAM_WORKERS = 4;

const signUp = (system: SystemUnderTest, email: string) =>
  system.http('POST', '/signup', { body: { email, password: 'correct horse battery', planId: 'basic-monthly', paymentToken: 'tok_ok' } });

const count = (results: HttpResult[], status: number) => results.filter((result) => result.status === status).length;

/**
 * Issue 6, "exactly one money movement": faults injected into real processes, then reconciled
 * from the module databases (read-only) and the simulated provider's ledger — never from HTTP
 * statuses alone. Short sweeper timings so that what a crash or pause leaves behind settles in
 * seconds.
 */
export function describeMoneyFaults(topologyName: string, basePort: number, options: { store?: 'sqlite' | 'postgres' } = {}): void {
  const onPostgres = options.store === 'postgres';
  describe(`money moves once, in topology "${topologyName}" on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
    const postgres = onPostgres ? new PostgresCluster(testPort(basePort) + 60) : undefined;
    // Each module as its own role (ADR 0031); the reconciliation reads as the superuser, the auditor's view.
    const databases = postgres ? postgres.moduleUrls() : {};
    const system = new SystemUnderTest(topologyName, testPort(basePort), {
      BILLING_SWEEP_INTERVAL_MS: '300',
      BILLING_STALE_INVOICE_MS: '5000',
      ...databases,
    });
    const sqlite = (module: string) => join(system.dataDir, `${module}.sqlite`);
    let admin = '';

    beforeAll(async () => {
      await postgres?.start();
      await system.start();
      admin = await adminToken(system);
    }, 120_000);
    afterAll(async () => {
      await system.stop();
      postgres?.stop();
    }, 60_000);

    async function paidInvoice(): Promise<string> {
      const signup = await signUp(system, uniqueEmail('refund-race'));
      expect(signup.status).toBe(201);
      return signup.body.subscription.latestInvoice.id as string;
    }

    const refund = (invoiceId: string, key?: string) =>
      system.http('POST', `/billing/invoices/${invoiceId}/refund`, { token: admin, headers: key ? { 'idempotency-key': key } : {} });

    function refundsOf(ledger: LedgerLine[], invoiceId: string): LedgerLine[] {
      const charge = ledger.find((line) => line.kind === 'charge' && line.key === `charge:${invoiceId}`);
      expect(charge).toBeDefined();
      return ledger.filter((line) => line.kind === 'refund' && line.chargeId === charge!.chargeId);
    }

    it('refunds once at the provider for 20 racing admin refunds, without a key and with one key', async () => {
      const bare = await paidInvoice();
      const unkeyed = await Promise.all(Array.from({ length: 20 }, () => refund(bare)));
      expect(count(unkeyed, 200)).toBe(1);
      expect(count(unkeyed, 409)).toBe(19);

      const keyedInvoice = await paidInvoice();
      const key = randomUUID();
      const keyed = await Promise.all(Array.from({ length: 20 }, () => refund(keyedInvoice, key)));
      const ok = keyed.filter((result) => result.status === 200);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      expect(ok.length + count(keyed, 409)).toBe(20);
      for (const replay of ok) expect(replay.body).toEqual(ok[0].body);
      expect(ok[0].body.status).toBe('refunded');

      const ledger = readLedger(system.dataDir);
      expect(refundsOf(ledger, bare)).toHaveLength(1);
      expect(refundsOf(ledger, keyedInvoice)).toHaveLength(1);
      expect(movedTwice(ledger)).toEqual([]);
      console.log(
        `[money ${topologyName}] racing refunds: no key ${count(unkeyed, 200)}×200 ${count(unkeyed, 409)}×409, ` +
          `one key ${ok.length}×200 ${count(keyed, 409)}×409; provider refunds: 1 + 1`,
      );
    });

    // Only where billing has a process of its own: in the monolith SIGSTOP freezes auth and the
    // gateway too, and what it shows (a registration committed after the gateway's 504, never
    // compensated) is the signup saga's to fix, not billing's.
    // The reconciliation reads the SQLite files.
    const whenBillingAlone = system.processOf('billing') !== 'main' && !onPostgres ? it : it.skip;

    whenBillingAlone('keeps no charge for a signup the caller gave up on while billing was stopped (SIGSTOP)', async () => {
      const billing = system.process(system.processOf('billing'));
      const signups: { email: string; status: number }[] = [];
      const endAt = Date.now() + PAUSE_AFTER_MS + PAUSE_FOR_MS + 1500;
      const worker = async () => {
        while (Date.now() < endAt) {
          const email = uniqueEmail('stream');
          signups.push({ email, status: (await signUp(system, email)).status });
        }
      };
      const stream = Promise.all(Array.from({ length: STREAM_WORKERS }, worker));
      await new Promise((resolve) => setTimeout(resolve, PAUSE_AFTER_MS));
      billing.pause();
      await new Promise((resolve) => setTimeout(resolve, PAUSE_FOR_MS));
      billing.resume();
      await stream;

      const report = await eventually(() => reconcile(signups), 30_000, 500);
      console.log(`[money ${topologyName}] SIGSTOP ${PAUSE_FOR_MS} ms of "${billing.name}": ${JSON.stringify(report)}`);
      expect(report.signups).toBe(signups.length);
      expect(report.kept + report.undoneRefunded + report.undoneNeverCharged + report.neverReachedBilling).toBe(signups.length);
      expect(report.kept).toBeGreaterThan(0);
      expect(report.undoneRefunded + report.undoneNeverCharged + report.neverReachedBilling).toBeGreaterThan(0);
    });

    /** Throws until every signup ended one of the two allowed ways; then the counts. */
    async function reconcile(signups: { email: string; status: number }[]) {
      const outcomes = await signupOutcomes(
        system.dataDir,
        signups.map((signup) => signup.email),
        PRICE,
      );
      const users = await readSql(sqlite('auth'), 'SELECT email FROM users');
      const problems = [...outcomes.problems];
      for (const { email, status } of signups) {
        const exists = users.some((user) => user.email === email);
        if (status === 201 && !exists) problems.push(`${email}: answered 201 but has no user`);
        if (status !== 201 && exists) problems.push(`${email}: answered ${status} but the user exists`);
      }
      expect(problems).toEqual([]);
      const kept = outcomes.kept.size;
      const undone = outcomes.undoneAfterACharge + outcomes.undoneNeverCharged;
      return {
        signups: signups.length,
        kept,
        undoneRefunded: outcomes.undoneAfterACharge,
        undoneNeverCharged: outcomes.undoneNeverCharged,
        neverReachedBilling: signups.length - kept - undone,
        ledger: ledgerCounts(outcomes.ledger),
      };
    }
  });
}
