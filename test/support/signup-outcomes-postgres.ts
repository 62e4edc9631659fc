import { readLedger } from './payment-ledger';
import { runPostgresSql } from './postgres-sql';
import { classifySignups, SignupOutcomes } from './signup-outcomes';

/**
 * `signupOutcomes` for a system whose auth and billing keep their tables in PostgreSQL (one schema
 * per module, ADR 0006): the same rule, read from `auth.users`, `billing.invoices` and
 * `billing.subscriptions`, and from the provider's ledger under `dataDir`.
 */
export async function signupOutcomesOnPostgres(url: string, dataDir: string, emails: string[], price: number): Promise<SignupOutcomes> {
  const users = await runPostgresSql(url, 'SELECT id, email FROM auth.users');
  const invoices = await runPostgresSql(url, 'SELECT id, "userId", status FROM billing.invoices');
  const subscriptions = await runPostgresSql(url, 'SELECT "userId", status FROM billing.subscriptions');
  return classifySignups({ users, invoices, subscriptions, ledger: readLedger(dataDir) }, emails, price);
}
