import { HostedDatabases, OutboxRelay } from '@app/platform';
import { recordStatements } from '@app/testing';
import { BillingClient } from '@app/contracts';
import { INestApplication } from '@nestjs/common';
import { as, newUser, startBilling } from './billing-test-app';

/** Statements one `billing.subscription.create.v1` costs billing's database; lower it, never raise it. */
const MOST_STATEMENTS = Number(process.env.BILLING_CREATE_MAX_STATEMENTS ?? 9);

describe('the SQL one subscription costs', () => {
  let app: INestApplication;
  let billing: BillingClient;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, billing, close } = await startBilling());
    // The relay's own reads and marks would interleave with the command's statements.
    await app.get(OutboxRelay).beforeApplicationShutdown();
  });
  afterAll(() => close());

  it(`stays at ${MOST_STATEMENTS} statements or fewer (tok_ok, a new customer)`, async () => {
    await as(newUser(), () => billing.createSubscription({ planId: 'basic-monthly', paymentToken: 'tok_ok' }));
    const database = app.get(HostedDatabases).get('billing')!.database;
    const { statements } = await recordStatements([database], () =>
      as(newUser(), () => billing.createSubscription({ planId: 'pro-monthly', paymentToken: 'tok_ok' })),
    );
    if (statements.length > MOST_STATEMENTS) console.log(statements.join('\n'));
    expect(statements.length).toBeLessThanOrEqual(MOST_STATEMENTS);
  });
});
