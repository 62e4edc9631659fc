import { runPostgresSql } from '../support/postgres-sql';
import { streamReport } from '../support/signup-outcomes';
import { signupOutcomesOnPostgres } from '../support/signup-outcomes-postgres';
import { TimedSignup } from './signup-stream';

const PRICE = 900;
const PAID = 'billing.invoice.paid.v1';
const FINAL_STATES = ['completed', 'compensated', 'failed'];
/** Who takes billing's events, and the inbox each keeps them in (ADR 0005). */
const BILLING_SUBSCRIBERS = ['audit', 'notification'];

/**
 * Reconciles a stream of signups on a system whose modules all keep their tables in one
 * PostgreSQL cluster (a schema each), and the provider's ledger. Throws until everything has
 * settled — so call it inside `eventually` — then answers the counts. Checked:
 * - each signup kept (user, one active subscription, one paid invoice, the price charged once)
 *   or undone (no user, nothing active, no charge kept), nothing moved twice, every saga final;
 * - answered 201 exactly when kept;
 * - each kept signup's `billing.invoice.paid.v1` audited once and its receipt queued once;
 * - no outbox row of auth or billing left undelivered or dead-lettered;
 * - each billing event once in the inbox of each subscriber, never more than once in its effects
 *   (audit entries, notifications), and nothing in an inbox that billing did not publish.
 */
export async function reconcileOnPostgres(url: string, dataDir: string, signups: TimedSignup[]) {
  const sql = (query: string) => runPostgresSql(url, query);
  const emails = signups.map((signup) => signup.email);
  const outcomes = await signupOutcomesOnPostgres(url, dataDir, emails, PRICE);
  const problems = [...outcomes.problems];

  const sagas = await sql('SELECT key, state FROM gateway.saga_instances');
  for (const saga of sagas.filter((row) => emails.includes(row.key as string) && !FINAL_STATES.includes(row.state as string)))
    problems.push(`saga of ${saga.key as string} is still ${saga.state as string}`);
  for (const signup of signups) {
    if (signup.status === 201 && !outcomes.kept.has(signup.email)) problems.push(`${signup.email} answered 201, not kept`);
    if (outcomes.kept.has(signup.email) && signup.status !== 201) problems.push(`${signup.email} kept, but answered ${signup.status}`);
  }

  const users = await sql('SELECT id, email FROM auth.users');
  const keptIds = users.filter((user) => outcomes.kept.has(user.email as string)).map((user) => user.id as string);
  const paidAudits = await sql(`SELECT payload FROM audit.audit_entries WHERE action = '${PAID}'`);
  const receipts = await sql(`SELECT "userId" FROM notification.notifications WHERE kind = 'receipt'`);
  for (const userId of keptIds) {
    const audited = paidAudits.filter((row) => (row.payload as string).includes(userId)).length;
    if (audited !== 1) problems.push(`${PAID} of user ${userId} is in the audit log ${audited} times`);
    const queued = receipts.filter((row) => row.userId === userId).length;
    if (queued !== 1) problems.push(`user ${userId} has ${queued} receipts`);
  }

  for (const module of ['auth', 'billing']) {
    const [{ pending }] = await sql(
      `SELECT count(*)::int AS pending FROM ${module}.outbox_messages WHERE "deliveredAt" IS NULL OR "deadLetteredAt" IS NOT NULL`,
    );
    if (pending !== 0) problems.push(`${module}'s outbox has ${String(pending)} rows undelivered or dead-lettered`);
  }
  const published = await sql(`SELECT "eventId", subscriber FROM billing.outbox_messages`);
  for (const subscriber of BILLING_SUBSCRIBERS) problems.push(...(await inboxProblems(sql, subscriber, published)));
  expect(problems).toEqual([]);

  return { ...streamReport(signups, outcomes), billingEventsDelivered: published.length };
}

/** Each billing event addressed to `subscriber` in its inbox once, applied at most once, and nothing else from billing there. */
async function inboxProblems(
  sql: (query: string) => Promise<Record<string, unknown>[]>,
  subscriber: string,
  published: Record<string, unknown>[],
) {
  const problems: string[] = [];
  const addressed = new Set(published.filter((row) => row.subscriber === subscriber).map((row) => row.eventId as string));
  const inbox = (await sql(`SELECT "eventId" FROM ${subscriber}.inbox_messages WHERE source = 'billing'`)).map(
    (row) => row.eventId as string,
  );
  const effects = subscriber === 'audit' ? 'audit_entries' : 'notifications';
  const applied = await sql(`SELECT "eventId", count(*)::int AS times FROM ${subscriber}.${effects} GROUP BY "eventId"`);
  for (const eventId of addressed) {
    const taken = inbox.filter((id) => id === eventId).length;
    if (taken !== 1) problems.push(`billing event ${eventId} is in ${subscriber}'s inbox ${taken} times`);
  }
  for (const eventId of inbox.filter((id) => !addressed.has(id)))
    problems.push(`${subscriber}'s inbox has ${eventId}, which billing never sent it`);
  for (const row of applied.filter((row) => addressed.has(row.eventId as string) && (row.times as number) > 1))
    problems.push(`billing event ${row.eventId as string} applied ${row.times as number} times in ${subscriber}.${effects}`);
  return problems;
}
