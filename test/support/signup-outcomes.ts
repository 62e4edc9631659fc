import { join } from 'node:path';
import { LedgerLine, movedTwice, netCharged, readLedger } from './payment-ledger';
import { readSql } from './sqlite-file';

/** How the signups of a fault test ended, read from auth's and billing's files and the ledger. */
export interface SignupOutcomes {
  /** Emails with a user, exactly one `paid` invoice, one active subscription and net charge = price. */
  kept: Set<string>;
  /** Users gone (their signup undone) whose invoices show they were charged, then refunded. */
  undoneAfterACharge: number;
  /** Users gone whose invoices were never charged. */
  undoneNeverCharged: number;
  /** Everything that is neither: must be empty. */
  problems: string[];
  ledger: LedgerLine[];
}

/**
 * Issue 6's rule for every signup, whatever the fault: either a user with an active, paid
 * subscription and the price charged once, or no user, no charge kept (refunded or never
 * captured) and nothing left active — and no money moved twice.
 */
export async function signupOutcomes(dataDir: string, emails: string[], price: number): Promise<SignupOutcomes> {
  const sqlite = (module: string) => join(dataDir, `${module}.sqlite`);
  const users = await readSql(sqlite('auth'), 'SELECT id, email FROM users');
  const invoices = await readSql(sqlite('billing'), 'SELECT id, userId, status FROM invoices');
  const subscriptions = await readSql(sqlite('billing'), 'SELECT userId, status FROM subscriptions');
  return classifySignups({ users, invoices, subscriptions, ledger: readLedger(dataDir) }, emails, price);
}

/** What the rule is checked on, wherever the modules keep it (SQLite files, PostgreSQL schemas). */
export interface SignupRows {
  /** auth's `users`: id, email. */
  users: Record<string, unknown>[];
  /** billing's `invoices`: id, userId, status. */
  invoices: Record<string, unknown>[];
  /** billing's `subscriptions`: userId, status. */
  subscriptions: Record<string, unknown>[];
  ledger: LedgerLine[];
}

/** The rule above applied to rows already read. */
export function classifySignups(rows: SignupRows, emails: string[], price: number): SignupOutcomes {
  const { users, invoices, subscriptions, ledger } = rows;
  const problems = movedTwice(ledger).map((twice) => `money moved twice: ${twice}`);
  const invoicesOf = (userId: string) => invoices.filter((invoice) => invoice.userId === userId);
  const chargeKeysOf = (userId: string) => invoicesOf(userId).map((invoice) => `charge:${invoice.id as string}`);
  const activeOf = (userId: string) => subscriptions.filter((s) => s.userId === userId && s.status === 'active').length;

  const kept = new Set<string>();
  for (const email of emails) {
    const user = users.find((row) => row.email === email);
    if (!user) continue;
    const userId = user.id as string;
    const statuses = invoicesOf(userId).map((invoice) => invoice.status as string);
    const net = netCharged(ledger, chargeKeysOf(userId));
    if (statuses.join() === 'paid' && activeOf(userId) === 1 && net === price) kept.add(email);
    else problems.push(`${email}: user exists with invoices [${statuses.join()}], ${activeOf(userId)} active, net ${net}`);
  }

  let undoneAfterACharge = 0;
  let undoneNeverCharged = 0;
  const userIds = new Set(users.map((user) => user.id as string));
  const gone = [...new Set(invoices.map((invoice) => invoice.userId as string))].filter((userId) => !userIds.has(userId));
  for (const userId of gone) {
    const statuses = invoicesOf(userId).map((invoice) => invoice.status as string);
    const net = netCharged(ledger, chargeKeysOf(userId));
    if (statuses.some((s) => s !== 'void' && s !== 'refunded') || activeOf(userId) !== 0 || net !== 0)
      problems.push(`deleted user ${userId}: invoices [${statuses.join()}], ${activeOf(userId)} active, net ${net}`);
    else if (ledger.some((line) => line.kind === 'charge' && chargeKeysOf(userId).includes(line.key))) undoneAfterACharge++;
    else undoneNeverCharged++;
  }
  return { kept, undoneAfterACharge, undoneNeverCharged, problems, ledger };
}

/** Charges and refunds in the ledger, and how many moved money twice (always 0 when it passes). */
export function ledgerCounts(ledger: LedgerLine[]) {
  return {
    charges: ledger.filter((line) => line.kind === 'charge').length,
    refunds: ledger.filter((line) => line.kind === 'refund').length,
    movedTwice: movedTwice(ledger).length,
  };
}

/** What a stream of signups came to: how many, their answers by status, kept, undone, and the ledger's counts. */
export function streamReport(signups: { status?: number }[], outcomes: SignupOutcomes) {
  const answers: Record<string, number> = {};
  for (const signup of signups) answers[String(signup.status)] = (answers[String(signup.status)] ?? 0) + 1;
  return {
    signups: signups.length,
    answers,
    kept: outcomes.kept.size,
    undone: signups.length - outcomes.kept.size,
    undoneAfterACharge: outcomes.undoneAfterACharge,
    ledger: ledgerCounts(outcomes.ledger),
  };
}
