import { BillingClient } from '@app/contracts';
import { failureOf as failure } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { PaymentProvider } from '../src/payments/payment-provider.port';
import { SimulatedPaymentProvider } from '../src/payments/simulated-payment.provider';
import { InvoiceSweeper } from '../src/sweep-invoices/invoice-sweeper';
import { as, newUser, startBilling } from './billing-test-app';

describe('the billing module, through its contract', () => {
  let billing: BillingClient;
  let close: () => Promise<void>;
  let app: INestApplication;

  beforeAll(async () => ({ app, billing, close } = await startBilling({ CALL_TIMEOUT_MS: '800', BILLING_SWEEP_INTERVAL_MS: '0' })));
  // A late `tok_slow` charge is settled before shutdown completes (the drain waits for it, up to 10 s).
  afterAll(() => close(), 15_000);

  it('lists the seeded plans in integer minor units', async () => {
    const { plans } = await as(newUser(), () => billing.listPlans());
    expect(plans.map((plan) => plan.id)).toEqual(['basic-monthly', 'pro-monthly', 'pro-yearly']);
    expect(plans.every((plan) => Number.isInteger(plan.amountMinor))).toBe(true);
  });

  it('subscribes with tok_ok: active subscription, paid invoice', async () => {
    const user = newUser();
    const subscription = await as(user, () => billing.createSubscription({ planId: 'pro-yearly', paymentToken: 'tok_ok' }));
    expect(subscription).toMatchObject({
      userId: user.id,
      status: 'active',
      latestInvoice: { status: 'paid', amountMinor: 29000, currency: 'EUR' },
    });
  });

  it('records a declined or underfunded card, then answers 402 naming the reason', async () => {
    const user = newUser();
    expect(
      await failure(as(user, () => billing.createSubscription({ planId: 'basic-monthly', paymentToken: 'tok_declined' }))),
    ).toMatchObject({ status: 402, code: 'PAYMENT_DECLINED' });
    expect(
      await failure(as(user, () => billing.createSubscription({ planId: 'basic-monthly', paymentToken: 'tok_insufficient_funds' }))),
    ).toMatchObject({ status: 402, code: 'INSUFFICIENT_FUNDS', message: expect.stringMatching(/insufficient funds/) });
    const { invoices } = await as(user, () => billing.listInvoices({}));
    expect(invoices.map((invoice) => invoice.status)).toEqual(['void', 'void']);
    const { subscriptions } = await as(user, () => billing.listSubscriptions());
    expect(subscriptions.map((s) => s.status)).toEqual(['payment_failed', 'payment_failed']);
  });

  it('stops waiting for a slow charge at the deadline: 504, invoice abandoned until the charge is undone', async () => {
    const user = newUser();
    const body = await failure(as(user, () => billing.createSubscription({ planId: 'basic-monthly', paymentToken: 'tok_slow' })));
    expect(body).toMatchObject({ status: 504, code: 'DEADLINE_EXCEEDED' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { invoices } = await as(user, () => billing.listInvoices({}));
    expect(invoices).toEqual([expect.objectContaining({ status: 'abandoned', failureReason: expect.stringMatching(/deadline/) })]);
  });

  it('sweeps a stale abandoned invoice the provider never charged to void', async () => {
    const user = newUser();
    await failure(as(user, () => billing.createSubscription({ planId: 'basic-monthly', paymentToken: 'tok_slow' })));
    const sweeper = app.get(InvoiceSweeper);
    expect(await sweeper.sweep(Date.now() + 60 * 60_000)).toBeGreaterThanOrEqual(1);
    const { invoices } = await as(user, () => billing.listInvoices({}));
    expect(invoices).toEqual([expect.objectContaining({ status: 'void' })]);
  });

  it('answers an unknown plan with 404 and refuses a request without a user', async () => {
    expect(await failure(as(newUser(), () => billing.createSubscription({ planId: 'gold', paymentToken: 'tok_ok' })))).toMatchObject({
      status: 404,
      code: 'PLAN_NOT_FOUND',
    });
    expect(await failure(billing.listInvoices({}))).toMatchObject({ status: 401, code: 'AUTHENTICATION_REQUIRED' });
  });

  it('replays an Idempotency-Key: same result, one charge; other parameters get 422', async () => {
    const user = newUser();
    const request = { planId: 'basic-monthly', paymentToken: 'tok_ok', idempotencyKey: 'order-42' };
    const first = await as(user, () => billing.createSubscription(request));
    expect(await as(user, () => billing.createSubscription(request))).toEqual(first);
    expect((await as(user, () => billing.listInvoices({}))).invoices).toHaveLength(1);
    expect(await failure(as(user, () => billing.createSubscription({ ...request, planId: 'pro-monthly' })))).toMatchObject({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('replays a failed first attempt as the same failure', async () => {
    const user = newUser();
    const request = { planId: 'basic-monthly', paymentToken: 'tok_declined', idempotencyKey: 'order-43' };
    const first = await failure(as(user, () => billing.createSubscription(request)));
    expect(await failure(as(user, () => billing.createSubscription(request)))).toEqual(first);
    expect((await as(user, () => billing.listInvoices({}))).invoices).toHaveLength(1);
  });

  it('lets only the owner cancel, only once', async () => {
    const owner = newUser();
    const subscription = await as(owner, () => billing.createSubscription({ planId: 'basic-monthly', paymentToken: 'tok_ok' }));
    expect(await failure(as(newUser(), () => billing.cancelSubscription({ subscriptionId: subscription.id })))).toMatchObject({
      status: 403,
    });
    expect(await as(owner, () => billing.cancelSubscription({ subscriptionId: subscription.id }))).toMatchObject({ status: 'cancelled' });
    expect(await failure(as(owner, () => billing.cancelSubscription({ subscriptionId: subscription.id })))).toMatchObject({
      status: 409,
      code: 'SUBSCRIPTION_NOT_ACTIVE',
    });
  });

  it('refunds for admins only, paid invoices only, and ends the subscription', async () => {
    const owner = newUser();
    const subscription = await as(owner, () => billing.createSubscription({ planId: 'basic-monthly', paymentToken: 'tok_ok' }));
    const invoiceId = subscription.latestInvoice.id;
    expect(await failure(as(owner, () => billing.refundInvoice({ invoiceId })))).toMatchObject({ status: 403, code: 'ROLE_MISSING' });
    const admin = newUser(['user', 'admin']);
    expect(await as(admin, () => billing.refundInvoice({ invoiceId }))).toMatchObject({
      status: 'refunded',
      refundedAt: expect.any(String),
    });
    expect((await as(owner, () => billing.listSubscriptions())).subscriptions[0]).toMatchObject({ status: 'ended' });
    expect(await failure(as(admin, () => billing.refundInvoice({ invoiceId })))).toMatchObject({ status: 409, code: 'INVOICE_NOT_PAID' });
    expect((await as(admin, () => billing.listInvoices({ userId: owner.id }))).invoices).toHaveLength(1);
  });

  it('refunds once at the provider however many admins race for it', async () => {
    const owner = newUser();
    const { latestInvoice } = await as(owner, () => billing.createSubscription({ planId: 'basic-monthly', paymentToken: 'tok_ok' }));
    const admin = newUser(['user', 'admin']);
    const provider = app.get<PaymentProvider, SimulatedPaymentProvider>(PaymentProvider);
    const refund = jest.spyOn(provider, 'refund');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => as(admin, () => billing.refundInvoice({ invoiceId: latestInvoice.id }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refund).toHaveBeenCalledTimes(1);
    refund.mockRestore();
    const chargeId = provider.movements().find((m) => m.key === `charge:${latestInvoice.id}`)!.chargeId;
    expect(provider.movements().filter((m) => m.kind === 'refund' && m.chargeId === chargeId)).toHaveLength(1);
  });
});
