import { NatsTestServer, testPort } from '@app/testing';
import { join } from 'node:path';
import { uniqueEmail } from '../support/accounts';
import { eventually } from '../support/eventually';
import { signupOutcomes, streamReport } from '../support/signup-outcomes';
import { readSql } from '../support/sqlite-file';
import { CALL_TIMEOUT_MS, SystemUnderTest } from '../support/system-under-test';

const PRICE = 900;
const FINAL_STATES = ['completed', 'compensated', 'failed'];
const STREAM_WORKERS = 2;
const OUTAGE_MS = 3000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Signup {
  email: string;
  startedAt: number;
  endedAt?: number;
  status?: number;
  code?: string;
}

/**
 * ADR 0025: the NATS broker of `nats-all-remote` is killed (SIGKILL) during a stream of signups
 * and restarted on the same port three seconds later. While it is away every signup is answered
 * 503 MODULE_UNAVAILABLE within the call deadline (no request hangs to its deadline); once it is
 * back the connections of every process come back by themselves and signups succeed again. Then
 * the signups are reconciled from auth's, billing's and the gateway's SQLite files and the
 * payment ledger: each kept with one charge or undone with none kept; nothing charged twice; and
 * every kept signup's `billing.invoice.paid.v1` in the audit log exactly once (nothing lost).
 */
describe('the NATS broker killed and restarted during a stream of signups, in topology "nats-all-remote"', () => {
  const portBase = testPort(24700);
  const broker = new NatsTestServer(portBase + 70);
  const system = new SystemUnderTest('nats-all-remote', portBase, { SAGA_RECOVERY_INTERVAL_MS: '300' });
  const sqlite = (owner: string) => join(system.dataDir, `${owner}.sqlite`);

  beforeAll(async () => {
    await broker.start();
    await system.start();
  }, 120_000);
  afterAll(async () => {
    await system.stop();
    await broker.stop();
  }, 60_000);

  const signUp = async (signup: Signup) => {
    const body = { email: signup.email, password: 'correct horse battery', planId: 'basic-monthly', paymentToken: 'tok_ok' };
    const answer = await system.http('POST', '/signup', { body }).catch(() => undefined);
    signup.endedAt = Date.now();
    signup.status = answer?.status ?? 0;
    signup.code = (answer?.body as { code?: string } | undefined)?.code;
  };

  it('answers 503 at once while the broker is away, recovers when it is back, and loses or doubles nothing', async () => {
    const signups: Signup[] = [];
    let streaming = true;
    const worker = async () => {
      while (streaming) {
        const signup: Signup = { email: uniqueEmail('broker-outage'), startedAt: Date.now() };
        signups.push(signup);
        await signUp(signup);
        await sleep(150);
      }
    };
    const stream = Promise.all(Array.from({ length: STREAM_WORKERS }, worker));

    await sleep(2000);
    await broker.kill();
    const downAt = Date.now();
    await sleep(OUTAGE_MS);
    const upAt = Date.now();
    await broker.start();
    await eventually(async () => expect((await system.http('GET', '/health')).status).toBe(200), 20_000, 200);
    await sleep(2000);
    streaming = false;
    await stream;

    const whileDown = signups.filter((s) => s.startedAt >= downAt + 200 && s.endedAt! <= upAt);
    expect(whileDown.length).toBeGreaterThanOrEqual(3);
    for (const signup of whileDown) {
      expect({ status: signup.status, code: signup.code }).toEqual({ status: 503, code: 'MODULE_UNAVAILABLE' });
      expect(signup.endedAt! - signup.startedAt).toBeLessThan(CALL_TIMEOUT_MS);
    }
    const afterwards: Signup = { email: uniqueEmail('broker-back'), startedAt: Date.now() };
    await signUp(afterwards);
    expect(afterwards.status).toBe(201);
    signups.push(afterwards);

    const report = await eventually(() => reconcile(signups), 35_000, 500);
    console.log(`[broker-outage nats-all-remote] broker killed for ${OUTAGE_MS} ms: ${JSON.stringify(report)}`);
    expect(report.kept + report.undone).toBe(signups.length);
    expect(report.ledger.movedTwice).toBe(0);
    expect(report.answers['201']).toBeGreaterThanOrEqual(4);
  }, 120_000);

  /** Throws until every signup has ended one of the two allowed ways and its events reached audit; then the counts. */
  async function reconcile(signups: Signup[]) {
    const emails = signups.map((s) => s.email);
    const outcomes = await signupOutcomes(system.dataDir, emails, PRICE);
    const problems = [...outcomes.problems];
    const sagas = await readSql(sqlite('gateway'), 'SELECT key, state FROM saga_instances');
    for (const saga of sagas.filter((row) => emails.includes(row.key as string) && !FINAL_STATES.includes(row.state as string)))
      problems.push(`saga of ${saga.key as string} is still ${saga.state as string}`);
    for (const signup of signups) {
      if (signup.status === 201 && !outcomes.kept.has(signup.email)) problems.push(`${signup.email} answered 201, not kept`);
      if (outcomes.kept.has(signup.email) && signup.status !== 201) problems.push(`${signup.email} kept, but answered ${signup.status}`);
    }
    const users = await readSql(sqlite('auth'), 'SELECT id, email FROM users');
    const keptIds = users.filter((user) => outcomes.kept.has(user.email as string)).map((user) => user.id as string);
    const paid = await readSql(sqlite('audit'), "SELECT eventId, payload FROM audit_entries WHERE action = 'billing.invoice.paid.v1'");
    for (const userId of keptIds) {
      const events = paid.filter((row) => (row.payload as string).includes(userId));
      if (events.length !== 1) problems.push(`billing.invoice.paid.v1 of user ${userId} is in the audit log ${events.length} times`);
    }
    expect(problems).toEqual([]);
    return streamReport(signups, outcomes);
  }
});
