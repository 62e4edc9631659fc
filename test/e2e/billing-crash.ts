import { testPort } from '@app/testing';
import { join } from 'node:path';
import { Database } from 'sqlite3';
import { uniqueEmail } from '../support/accounts';
import { eventually } from '../support/eventually';
import { readLedger } from '../support/payment-ledger';
import { ledgerCounts, signupOutcomes } from '../support/signup-outcomes';
import { readSql } from '../support/sqlite-file';
import { SystemUnderTest } from '../support/system-under-test';

const PRICE = 900;
const FINAL_STATES = ['completed', 'compensated', 'failed'];
/** tok_slow's 10 s at the provider. */
const SLOW_CHARGE_MS = 10_000;
const STREAM_WORKERS = 2;
const MAX_STREAM_SIGNUPS = 40;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Signup {
  email: string;
  token: 'tok_ok' | 'tok_slow';
  group: 'stream' | 'charged' | 'charging';
  status?: number;
}

const signUp = (system: SystemUnderTest, signup: Signup) =>
  system
    .http('POST', '/signup', {
      body: { email: signup.email, password: 'correct horse battery', planId: 'basic-monthly', paymentToken: signup.token },
    })
    .then((answer) => (signup.status = answer.status))
    .catch(() => (signup.status = 0)); // no answer: the connection died with the process

/**
 * Holds SQLite's write lock on a module's file (BEGIN IMMEDIATE) until released: a writer of that
 * module then waits (its busy timeout, 5 s) instead of committing. The fault test's way of
 * widening "the provider has charged, billing has not committed yet" from microseconds to seconds.
 */
async function holdWriteLock(file: string): Promise<() => Promise<void>> {
  const db = new Database(file);
  const run = (sql: string) => new Promise<void>((resolve, reject) => db.run(sql, (error) => (error ? reject(error) : resolve())));
  db.configure('busyTimeout', 5000);
  await run('BEGIN IMMEDIATE');
  return async () => {
    await run('ROLLBACK');
    await new Promise<void>((resolve) => db.close(() => resolve()));
  };
}

/**
 * Issue 6, "kill -9 of billing between charge and commit". A bounded stream of `tok_ok` signups
 * runs while two `tok_slow` signups ("charged") reach the provider and, a few seconds later, two
 * more ("charging") start. Just before the first two charges land the test takes billing's SQLite
 * write lock, so billing's recording transaction waits; as soon as the provider's ledger shows
 * both charges, billing's process is killed with SIGKILL — charged at the provider, `open` in
 * billing, never committed. The "charging" two are in the provider's 10 s wait at that moment:
 * never captured, `open`. Then the lock is released and billing restarted; its sweeper
 * (`BILLING_STALE_INVOICE_MS` just above tok_slow's 10 s, so a live sweep never races a running
 * charge) and the `auth.registration.cancelled.v1` listener must settle everything, and the
 * signups are reconciled from auth's, billing's and the gateway's SQLite files (read-only) and
 * the ledger. Where billing shares the gateway's process (monolith), the kill takes everything
 * down: the restarted gateway's saga recovery and billing's sweeper must settle it together.
 */
export function describeBillingCrash(topologyName: string, basePort: number): void {
  describe(`billing killed between charge and commit, in topology "${topologyName}"`, () => {
    const system = new SystemUnderTest(topologyName, testPort(basePort), {
      // Longer than tok_slow: the slow charges land within the deadline, so billing goes on to
      // commit `paid` (instead of refunding a late charge), which is the moment we kill it in.
      CALL_TIMEOUT_MS: '14000',
      SAGA_LEASE_MS: '15000',
      SAGA_RECOVERY_INTERVAL_MS: '300',
      BILLING_SWEEP_INTERVAL_MS: '300',
      BILLING_STALE_INVOICE_MS: '12000',
    });
    const sqlite = (owner: string) => join(system.dataDir, `${owner}.sqlite`);
    const billingProcess = system.processOf('billing');
    const alone = billingProcess !== 'main';

    beforeAll(() => system.start(), 120_000);
    afterAll(() => system.stop(), 60_000);

    it('ends every signup kept and paid once, or undone with no charge kept and no invoice left open', async () => {
      const signups: Signup[] = [];
      const answers: Promise<unknown>[] = [];
      const start = (token: Signup['token'], group: Signup['group']) => {
        const signup: Signup = { email: uniqueEmail(`killbill-${group}`), token, group };
        signups.push(signup);
        const answer = signUp(system, signup);
        answers.push(answer);
        return answer;
      };
      let streaming = true;
      const worker = async () => {
        while (streaming && signups.filter((s) => s.group === 'stream').length < MAX_STREAM_SIGNUPS) {
          await start('tok_ok', 'stream');
          await sleep(600);
        }
      };
      const stream = Promise.all(Array.from({ length: STREAM_WORKERS }, worker));

      void start('tok_slow', 'charged');
      void start('tok_slow', 'charged');
      const charged = () => signups.filter((s) => s.group === 'charged');
      const invoicesOf = async (group: Signup[]) => {
        const users = await readSql(sqlite('auth'), 'SELECT id, email FROM users');
        const ids = users.filter((user) => group.some((s) => s.email === user.email)).map((user) => user.id as string);
        const invoices = await readSql(sqlite('billing'), 'SELECT id, userId, status, createdAt FROM invoices');
        return invoices.filter((invoice) => ids.includes(invoice.userId as string));
      };
      const open = await eventually(
        async () => {
          const found = await invoicesOf(charged());
          expect(found.map((invoice) => invoice.status)).toEqual(['open', 'open']);
          return found;
        },
        10_000,
        50,
      );
      const chargingAt = Math.min(...open.map((invoice) => Date.parse(invoice.createdAt as string)));
      await sleep(3000);
      void start('tok_slow', 'charging');
      void start('tok_slow', 'charging');

      // Just before the first charges land: take billing's write lock, then wait for the ledger.
      await sleep(Math.max(0, chargingAt + SLOW_CHARGE_MS - 2500 - Date.now()));
      const release = await holdWriteLock(sqlite('billing'));
      const charging = signups.filter((s) => s.group === 'charging');
      let chargingInvoices: string[] = [];
      try {
        chargingInvoices = (
          await eventually(() => invoicesOf(charging).then((found) => (expect(found).toHaveLength(2), found)), 2000, 50)
        ).map((invoice) => invoice.id as string);
        const keys = open.map((invoice) => `charge:${invoice.id as string}`);
        await eventually(
          () => {
            const lines = readLedger(system.dataDir).filter((line) => line.kind === 'charge' && keys.includes(line.key));
            expect(lines).toHaveLength(keys.length);
            return lines;
          },
          4000,
          10,
        );
        await system.process(billingProcess).kill();
      } finally {
        await release();
      }
      // Not committed: both still `open` in billing's file, though the provider charged them.
      const chargedIds = open.map((invoice) => invoice.id as string);
      const afterKill = await readSql(sqlite('billing'), 'SELECT id, status FROM invoices');
      expect(afterKill.filter((invoice) => chargedIds.includes(invoice.id as string)).map((invoice) => invoice.status)).toEqual([
        'open',
        'open',
      ]);
      // The other two were in the provider's 10 s wait: nothing captured.
      const chargingKeys = chargingInvoices.map((id) => `charge:${id}`);
      const chargedKeys = chargedIds.map((id) => `charge:${id}`);
      expect(readLedger(system.dataDir).filter((line) => chargingKeys.includes(line.key))).toEqual([]);

      await sleep(1000); // signups keep arriving while billing is down
      await system.process(billingProcess).start();
      streaming = false;
      await stream;
      await Promise.all(answers);

      const report = await eventually(() => reconcile(signups, chargedKeys, chargingKeys), 35_000, 500);
      console.log(`[billing-crash ${topologyName}] kill -9 of "${billingProcess}" between charge and commit: ${JSON.stringify(report)}`);
      expect(report.kept + report.undone).toBe(signups.length);
      expect(report.charged.refunded).toBe(2); // charged, killed before the commit, then refunded
      expect(report.undoneAfterACharge).toBeGreaterThanOrEqual(2);
      expect(report.charging.neverCaptured).toBe(2);
      expect(report.ledger.movedTwice).toBe(0);
      if (alone) {
        // The gateway lived on: every signup had an answer, a success only for what was kept.
        expect(signups.filter((s) => s.status === 0)).toEqual([]);
        expect(report.kept).toBe(signups.filter((s) => s.status === 201).length);
        for (const s of signups.filter((x) => x.group !== 'stream')) expect([503, 504]).toContain(s.status);
      }
    }, 90_000);

    /** Throws until every signup ended one of the two allowed ways; then the counts. */
    async function reconcile(signups: Signup[], chargedKeys: string[], chargingKeys: string[]) {
      const sagas = await readSql(sqlite('gateway'), 'SELECT key, state FROM saga_instances');
      const invoices = await readSql(sqlite('billing'), 'SELECT status FROM invoices');
      const emails = signups.map((s) => s.email);
      const outcomes = await signupOutcomes(system.dataDir, emails, PRICE);
      const { ledger, kept } = outcomes;
      const problems = [...outcomes.problems];
      for (const saga of sagas.filter((row) => emails.includes(row.key as string) && !FINAL_STATES.includes(row.state as string)))
        problems.push(`saga of ${saga.key as string} is still ${saga.state as string}`);
      // No saga row: the request never reached the gateway (sent while it was down, monolith only).
      const neverArrived = signups.filter((s) => !sagas.some((row) => row.key === s.email));
      for (const signup of neverArrived)
        if (signup.status !== 0) problems.push(`no saga row for ${signup.email}, answered ${signup.status}`);
      // Refunds never exceed charges, per charge.
      for (const charge of ledger.filter((line) => line.kind === 'charge')) {
        const refunded = ledger.filter((line) => line.kind === 'refund' && line.chargeId === charge.chargeId);
        if (refunded.reduce((sum, line) => sum + line.amountMinor, 0) > charge.amountMinor) problems.push(`${charge.key} over-refunded`);
      }

      for (const signup of signups) {
        if (kept.has(signup.email) && signup.status !== 201 && signup.status !== 0)
          problems.push(`${signup.email} kept, but answered ${signup.status}`);
        if (signup.status === 201 && !kept.has(signup.email)) problems.push(`${signup.email} answered 201, not kept`);
      }
      const undoneAfterACharge = outcomes.undoneAfterACharge;
      expect(problems).toEqual([]);

      const statusCounts: Record<string, number> = {};
      for (const s of signups) statusCounts[String(s.status)] = (statusCounts[String(s.status)] ?? 0) + 1;
      return {
        signups: signups.length,
        answers: statusCounts,
        kept: kept.size,
        undone: signups.length - kept.size,
        neverArrived: neverArrived.length,
        undoneAfterACharge,
        charged: {
          signups: chargedKeys.length,
          refunded: chargedKeys.filter((key) => {
            const charge = ledger.find((line) => line.kind === 'charge' && line.key === key);
            return charge && ledger.some((line) => line.kind === 'refund' && line.chargeId === charge.chargeId);
          }).length,
        },
        charging: {
          signups: chargingKeys.length,
          neverCaptured: chargingKeys.filter((key) => !ledger.some((line) => line.key === key)).length,
        },
        invoices: Object.fromEntries(
          [...new Set(invoices.map((invoice) => invoice.status as string))].map((status) => [
            status,
            invoices.filter((invoice) => invoice.status === status).length,
          ]),
        ),
        sagas: Object.fromEntries(FINAL_STATES.map((state) => [state, sagas.filter((row) => row.state === state).length])),
        ledger: ledgerCounts(ledger),
      };
    }
  });
}
