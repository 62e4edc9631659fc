import { testPort } from '@app/testing';
import { join } from 'node:path';
import { adminToken, newAccount, uniqueEmail } from '../support/accounts';
import { eventually } from '../support/eventually';
import { ledgerCounts, signupOutcomes } from '../support/signup-outcomes';
import { readSql } from '../support/sqlite-file';
import { SystemUnderTest } from '../support/system-under-test';

const PRICE = 900;
const SIGNUPS = 4;
const FINAL_STATES = ['completed', 'compensated', 'failed'];
/** tok_slow's 10 s at the provider, and a little more: a charge still running in billing has landed by then. */
const SLOW_CHARGE_SETTLED_MS = 11_000;

const signUp = (system: SystemUnderTest, email: string, paymentToken: string) =>
  system
    .http('POST', '/signup', { body: { email, password: 'correct horse battery', planId: 'basic-monthly', paymentToken } })
    .catch(() => ({ status: 0, body: undefined }));

/**
 * Issue 6, "a crash mid-saga strands the user": kill -9 of the orchestrator (the process with the
 * gateway: `main`, alone in all-remote, everything in the monolith) while 4 `tok_slow` signups
 * are in the billing step, then a restart. The restarted gateway's recovery loop must take the
 * instances over once their lease runs out and end each signup in one of the two allowed states,
 * reconciled from the SQLite files (read-only) and the provider's ledger.
 */
export function describeSagaFaults(topologyName: string, basePort: number): void {
  describe(`the signup saga survives a crash of its orchestrator, in topology "${topologyName}"`, () => {
    const system = new SystemUnderTest(topologyName, testPort(basePort), {
      // tok_slow takes 10 s at the provider; the deadline leaves time for all 4 to be in billing
      // at once, even on a loaded machine, and still ends before the charge does.
      CALL_TIMEOUT_MS: '6000',
      SAGA_LEASE_MS: '7000',
      SAGA_RECOVERY_INTERVAL_MS: '300',
      BILLING_SWEEP_INTERVAL_MS: '300',
      BILLING_STALE_INVOICE_MS: '5000',
    });
    const sqlite = (owner: string) => join(system.dataDir, `${owner}.sqlite`);

    beforeAll(() => system.start(), 120_000);
    afterAll(() => system.stop(), 60_000);

    it('ends every signup with a paid subscription or with no user and no charge kept, and frees the email', async () => {
      const emails = Array.from({ length: SIGNUPS }, () => uniqueEmail('saga-crash'));
      const answers = emails.map((email) => signUp(system, email, 'tok_slow'));

      // Wait until all 4 are in the billing step according to the saga log, then crash.
      await eventually(
        async () => {
          const rows = await readSql(sqlite('gateway'), `SELECT key, step FROM saga_instances WHERE step = 'subscribe'`);
          expect(rows.map((row) => row.key).sort()).toEqual([...emails].sort());
        },
        10_000,
        50,
      );
      const inBillingAt = Date.now();
      await system.process('main').kill();
      const statuses = (await Promise.all(answers)).map((answer) => answer.status);
      expect(statuses).toEqual(emails.map(() => 0)); // no answer: the connection died with the process
      await system.process('main').start();
      // Where billing lives on (all-remote), its charges land late: reconcile only after they have.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, inBillingAt + SLOW_CHARGE_SETTLED_MS - Date.now())));

      const report = await eventually(() => reconcile(emails), 45_000, 500);
      console.log(`[saga ${topologyName}] kill -9 of main with ${SIGNUPS} tok_slow signups in billing: ${JSON.stringify(report)}`);
      expect(report.kept + report.undone).toBe(SIGNUPS);

      // The instances are visible to admins, with the step they were lost at and their attempts.
      const admin = await adminToken(system);
      const listed = await system.http('GET', '/sagas?limit=50', { token: admin });
      expect(listed.status).toBe(200);
      const mine = (listed.body.items as Array<Record<string, unknown>>).filter((item) => emails.includes(item.key as string));
      expect(mine).toHaveLength(SIGNUPS);
      for (const item of mine) {
        expect(FINAL_STATES).toContain(item.state);
        expect(item.attempts).toBeGreaterThanOrEqual(2);
        expect(item.lastError).toEqual(expect.any(String));
      }
      const compensated = await system.http('GET', '/sagas?state=compensated', { token: admin });
      expect((compensated.body.items as Array<{ state: string }>).every((item) => item.state === 'compensated')).toBe(true);
      expect((await system.http('GET', '/sagas')).status).toBe(401);
      expect((await system.http('GET', '/sagas', { token: (await newAccount(system, 'not-admin')).token })).status).toBe(403);

      // Every email whose signup was undone can sign up again, and that signup is kept.
      const users = await readSql(sqlite('auth'), 'SELECT email FROM users');
      const free = emails.filter((email) => !users.some((user) => user.email === email));
      const again = await Promise.all(free.map((email) => signUp(system, email, 'tok_ok')));
      expect(again.map((answer) => answer.status)).toEqual(free.map(() => 201));
      const after = await eventually(() => reconcile(emails), 20_000, 300);
      expect(after.kept).toBe(SIGNUPS);
      console.log(`[saga ${topologyName}] signed up again: ${free.length}; then ${JSON.stringify(after)}`);
    }, 90_000);

    /** Throws until every signup ended one of the two allowed ways; then the counts. */
    async function reconcile(emails: string[]) {
      const sagas = await readSql(sqlite('gateway'), 'SELECT key, state FROM saga_instances');
      const outcomes = await signupOutcomes(system.dataDir, emails, PRICE);
      const problems = [...outcomes.problems];
      for (const saga of sagas.filter((row) => !FINAL_STATES.includes(row.state as string)))
        problems.push(`saga of ${saga.key as string} is still ${saga.state as string}`);
      expect(problems).toEqual([]);
      return {
        kept: outcomes.kept.size,
        undone: emails.length - outcomes.kept.size,
        undoneAfterACharge: outcomes.undoneAfterACharge,
        sagas: Object.fromEntries(FINAL_STATES.map((state) => [state, sagas.filter((row) => row.state === state).length])),
        ledger: ledgerCounts(outcomes.ledger),
      };
    }
  });
}
