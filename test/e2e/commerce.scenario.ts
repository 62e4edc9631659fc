import { randomUUID } from 'node:crypto';
import { newAccount, traceparent, uniqueEmail } from '../support/accounts';
import { eventually } from '../support/eventually';
import { SystemUnderTest } from '../support/system-under-test';
import { auditEntries, ScenarioContext } from './scenario-context';

const PASSWORD = 'correct horse battery';
const SIGNUP_CANCELLED = 'Your Archipelago signup was cancelled';

/** The subjects of the mails the SMTP test server received for `email`, in order. */
const subjectsTo = (smtp: ScenarioContext['smtp'], email: string): string[] =>
  smtp.mailsTo(email).map((mail) => /^Subject: (.*)$/m.exec(mail.raw)?.[1] ?? '');

interface Notification {
  kind: string;
  status: string;
  recipient: string;
  eventId: string;
}

async function notificationsOf(system: SystemUnderTest, token: string): Promise<Notification[]> {
  const result = await system.http<{ notifications: Notification[] }>('GET', '/notifications', { token });
  expect(result.status).toBe(200);
  return result.body.notifications;
}

async function signUp(system: SystemUnderTest, paymentToken: string, email = uniqueEmail('signup'), headers: Record<string, string> = {}) {
  return system.http('POST', '/signup', { body: { email, password: PASSWORD, planId: 'basic-monthly', paymentToken }, headers });
}

async function login(system: SystemUnderTest, email: string): Promise<string> {
  const result = await system.http('POST', '/auth/login', { body: { email, password: PASSWORD } });
  expect(result.status).toBe(200);
  return result.body.accessToken as string;
}

/** Issue 3's promises: sign up, pay, be notified, be refunded — every step audited. */
export function commerceScenario(context: ScenarioContext): void {
  const { system, smtp, remote } = context;
  const whenNotificationRemote = remote.includes('notification') ? it : it.skip;
  const whenBillingRemote = remote.includes('billing') ? it : it.skip;

  it('lists the plans in integer minor units', async () => {
    const plans = await system.http('GET', '/billing/plans');
    expect(plans.status).toBe(200);
    expect(plans.body.plans).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'basic-monthly', amountMinor: 900, currency: 'EUR', interval: 'month' })]),
    );
  });

  it('signs up with a good card: subscribed, welcomed and sent a receipt, over SMTP', async () => {
    const email = uniqueEmail('happy');
    const signup = await signUp(system, 'tok_ok', email);
    expect(signup.status).toBe(201);
    expect(signup.body.subscription).toMatchObject({
      planId: 'basic-monthly',
      status: 'active',
      latestInvoice: { status: 'paid', amountMinor: 900 },
    });
    const token = await login(system, email);
    await eventually(async () => {
      const kinds = (await notificationsOf(system, token))
        .filter((n) => n.status === 'sent')
        .map((n) => n.kind)
        .sort();
      expect(kinds).toEqual(['receipt', 'welcome']);
    });
    await eventually(() => expect(smtp.mailsTo(email)).toHaveLength(2));
    expect(
      smtp
        .mailsTo(email)
        .map((mail) => mail.raw)
        .join('\n'),
    ).toMatch(/9\.00 EUR/);
  });

  it('answers 402 to a declined card, undoes the registration, and audits every step', async () => {
    const email = uniqueEmail('declined');
    const trace = traceparent();
    const declined = await signUp(system, 'tok_declined', email, { traceparent: trace.header });
    expect(declined.status).toBe(402);
    expect(declined.body.message).toMatch(/declined/i);
    expect((await system.http('POST', '/auth/login', { body: { email, password: PASSWORD } })).status).toBe(401);
    await eventually(async () => {
      const actions = (await auditEntries(context, `traceId=${trace.traceId}`)).map(
        (entry) => `${entry.action}${entry.payload.pattern ? ` ${entry.payload.pattern}` : ''}`,
      );
      expect(actions).toEqual(
        expect.arrayContaining([
          'platform.command.handled.v1 auth.user.register.v1',
          'auth.user.registered.v1',
          'platform.command.handled.v1 billing.subscription.create.v1',
          'billing.payment.failed.v1',
          'platform.command.handled.v1 auth.registration.cancel.v1',
          'auth.registration.cancelled.v1',
        ]),
      );
    });
    // ADR 0019: nothing of the undone signup is left to send. Either no mail at all (notification
    // heard of the cancellation before its dispatcher sent anything), or what already went out is
    // followed by exactly one "signup cancelled" notice; never a receipt, never a mail after it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const received = await eventually(() => {
      const subjects = subjectsTo(smtp, email);
      if (subjects.length > 0) expect(subjects[subjects.length - 1]).toBe(SIGNUP_CANCELLED);
      return subjects;
    });
    expect(received.filter((subject) => subject === SIGNUP_CANCELLED).length).toBe(received.length > 0 ? 1 : 0);
    for (const subject of received)
      expect(subject).toMatch(/^(Welcome to Archipelago|Your payment of .* failed|Your Archipelago signup was cancelled)$/);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(subjectsTo(smtp, email)).toEqual(received);
    const again = await signUp(system, 'tok_ok', email);
    expect(again.status).toBe(201);
  });

  it('retries a subscription with the same Idempotency-Key: same subscription, one charge', async () => {
    const user = await newAccount(system, 'idempotent');
    const key = randomUUID();
    const request = { token: user.token, headers: { 'idempotency-key': key }, body: { planId: 'pro-monthly', paymentToken: 'tok_ok' } };
    const first = await system.http('POST', '/billing/subscriptions', request);
    const second = await system.http('POST', '/billing/subscriptions', request);
    expect(first.status).toBe(201);
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    const invoices = await system.http('GET', '/billing/invoices', { token: user.token });
    expect(invoices.body.invoices).toHaveLength(1);
    const reused = await system.http('POST', '/billing/subscriptions', {
      ...request,
      body: { planId: 'basic-monthly', paymentToken: 'tok_ok' },
    });
    expect(reused.status).toBe(422);
  });

  it('lets an admin refund a paid invoice: the subscription ends, the user is told, the audit log shows it', async () => {
    const email = uniqueEmail('refunded');
    const signup = await signUp(system, 'tok_ok', email);
    const invoiceId = signup.body.subscription.latestInvoice.id as string;
    const userToken = await login(system, email);
    const byUser = await system.http('POST', `/billing/invoices/${invoiceId}/refund`, { token: userToken });
    expect(byUser.status).toBe(403);
    const refund = await system.http('POST', `/billing/invoices/${invoiceId}/refund`, {
      token: context.adminToken(),
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(refund.status).toBe(200);
    expect(refund.body.status).toBe('refunded');
    const subscriptions = await system.http('GET', '/billing/subscriptions', { token: userToken });
    expect(subscriptions.body.subscriptions[0].status).toBe('ended');
    await eventually(async () => expect((await notificationsOf(system, userToken)).map((n) => n.kind)).toContain('refund'));
    await eventually(async () => {
      const entries = await auditEntries(context, 'module=billing');
      expect(entries.some((entry) => entry.action === 'billing.invoice.refunded.v1' && entry.payload.invoiceId === invoiceId)).toBe(true);
    });
  });

  it('does not let a user read or cancel what is not theirs, and audits the attempt', async () => {
    const owner = await newAccount(system, 'owner');
    const intruder = await newAccount(system, 'intruder');
    const subscribed = await system.http('POST', '/billing/subscriptions', {
      token: owner.token,
      body: { planId: 'basic-monthly', paymentToken: 'tok_ok' },
    });
    const trace = traceparent();
    const read = await system.http('GET', `/billing/invoices?userId=${owner.userId}`, {
      token: intruder.token,
      headers: { traceparent: trace.header },
    });
    expect(read.status).toBe(403);
    const cancel = await system.http('POST', `/billing/subscriptions/${subscribed.body.id}/cancel`, { token: intruder.token });
    expect(cancel.status).toBe(403);
    await eventually(async () => {
      const entries = await auditEntries(context, `traceId=${trace.traceId}`);
      expect(entries).toEqual([
        expect.objectContaining({ action: 'platform.message.refused.v1', actor: `user:${intruder.userId}`, module: 'billing' }),
      ]);
    });
  });

  whenNotificationRemote('delivers the receipt once after the notification module comes back', async () => {
    const notification = system.process(system.processOf('notification'));
    const email = uniqueEmail('while-down');
    await notification.stop();
    try {
      expect((await signUp(system, 'tok_ok', email)).status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      await notification.start();
    }
    const token = await login(system, email);
    const receipts = async () => (await notificationsOf(system, token)).filter((n) => n.kind === 'receipt');
    await eventually(async () => expect(await receipts()).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await receipts()).toHaveLength(1);
    await eventually(() => expect(smtp.mailsTo(email)).toHaveLength(2));
  });

  whenBillingRemote('answers 503 to a signup while billing is unreachable, and undoes the registration', async () => {
    const billing = system.process(system.processOf('billing'));
    const email = uniqueEmail('billing-down');
    const trace = traceparent();
    await billing.stop();
    try {
      const signup = await signUp(system, 'tok_ok', email, { traceparent: trace.header });
      expect(signup.status).toBe(503);
      expect(signup.body.code).toBe('MODULE_UNAVAILABLE');
      expect((await system.http('POST', '/auth/login', { body: { email, password: PASSWORD } })).status).toBe(401);
    } finally {
      await billing.start();
    }
    await eventually(async () => {
      const actions = (await auditEntries(context, `traceId=${trace.traceId}`)).map((entry) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(['auth.user.registered.v1', 'auth.registration.cancelled.v1']));
    });
    await eventually(async () => expect((await signUp(system, 'tok_ok', email)).status).toBe(201));
  });

  it('answers 504 to a signup whose payment outlives the deadline, and undoes the registration', async () => {
    const email = uniqueEmail('slow');
    const slow = await signUp(system, 'tok_slow', email);
    expect(slow.status).toBe(504);
    expect(slow.body.code).toBe('DEADLINE_EXCEEDED');
    await eventually(async () => expect((await signUp(system, 'tok_ok', email)).status).toBe(201));
  });
}
