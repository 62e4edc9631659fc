import { BillingEvents, CreateSubscriptionRequest, SubscriptionView, UserActor } from '@app/contracts';
import { EventPublisher, MessageContext, ModuleDatabase } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Customer } from '../database/customer.entity';
import { Invoice } from '../database/invoice.entity';
import { Plan } from '../database/plan.entity';
import { Subscription } from '../database/subscription.entity';
import { moveIfStill } from '../domain/invoice-moves';
import { chargeKeyOf, PaymentProvider } from '../payments/payment-provider.port';
import { InvoiceSettlement } from '../sweep-invoices/invoice-settlement';
import { toSubscriptionView } from '../views/billing-views';
import { chargeBeforeDeadline, DeadlineAwareResult } from './charge-before-deadline';
import { BillingErrors } from '../billing.errors';

/**
 * Subscribe = open an invoice, charge it (outside any transaction, keyed by the invoice), then
 * record the outcome and its event in one transaction. `paid` is committed only if the caller's
 * deadline has not passed and the invoice is still `open` (nobody abandoned it meanwhile);
 * otherwise a successful charge is refunded, so nothing is kept that the caller will never see.
 * A failed payment is recorded too, then answered with 402/504.
 */
@Injectable()
export class CreateSubscriptionService {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly events: EventPublisher,
    private readonly payments: PaymentProvider,
    private readonly settlement: InvoiceSettlement,
  ) {}

  async subscribe(user: UserActor, request: CreateSubscriptionRequest): Promise<SubscriptionView> {
    const plan = await this.db.read((manager) => manager.findOneBy(Plan, { id: request.planId }));
    if (!plan) throw BillingErrors.planNotFound(request.planId);
    const invoice = await this.db.transaction((manager) => this.openInvoice(manager, user.id, plan));
    const charge = {
      amountMinor: plan.amountMinor,
      currency: plan.currency,
      paymentToken: request.paymentToken,
      idempotencyKey: chargeKeyOf(invoice.id),
    };
    const deadline = MessageContext.current()?.deadline;
    const result = await chargeBeforeDeadline(this.payments, charge, deadline);
    const { view, outcome } = await this.db.transaction((manager) => this.record(manager, plan, invoice, result, deadline));
    if (outcome === 'paid') return view;
    if (result.outcome === 'succeeded')
      await this.settlement.giveBack(invoice, result.chargeId, view.latestInvoice.failureReason ?? outcome);
    else if (result.outcome === 'deadline_exceeded' && result.late) void this.settlement.settleLate(invoice, result.late);
    throw BillingErrors.paymentFailed(outcome, view.latestInvoice.failureReason);
  }

  private async openInvoice(manager: EntityManager, userId: string, plan: Plan): Promise<Invoice> {
    const now = new Date().toISOString();
    // Insert-or-ignore: one statement whether or not the customer exists already.
    await manager.createQueryBuilder().insert().into(Customer).values({ userId, createdAt: now }).orIgnore().updateEntity(false).execute();
    const invoice = manager.create(Invoice, {
      id: randomUUID(),
      subscriptionId: randomUUID(),
      userId,
      amountMinor: plan.amountMinor,
      currency: plan.currency,
      status: 'open',
      failureReason: null,
      chargeId: null,
      refundId: null,
      createdAt: now,
      paidAt: null,
      refundedAt: null,
    });
    await manager.insert(Invoice, invoice);
    return invoice;
  }

  /**
   * `paid` (if in time and still `open`), else `void` for a failed payment or one never started,
   * else `abandoned` (a charge succeeded or may still succeed: it is refunded after this commit).
   */
  private async record(
    manager: EntityManager,
    plan: Plan,
    invoice: Invoice,
    result: DeadlineAwareResult,
    deadline: number | undefined,
  ): Promise<{ view: SubscriptionView; outcome: 'paid' | 'declined' | 'insufficient_funds' | 'deadline_exceeded' | 'abandoned' }> {
    const now = new Date().toISOString();
    const inTime = deadline === undefined || Date.now() < deadline;
    const facts = { invoiceId: invoice.id, subscriptionId: invoice.subscriptionId, userId: invoice.userId, planId: plan.id };
    const money = { amountMinor: invoice.amountMinor, currency: invoice.currency };
    if (
      result.outcome === 'succeeded' &&
      inTime &&
      (await moveIfStill(manager, invoice.id, 'paid', { chargeId: result.chargeId, paidAt: now }))
    ) {
      const subscription = await this.insertSubscription(manager, invoice, plan, 'active');
      Object.assign(invoice, { status: 'paid', chargeId: result.chargeId, paidAt: now });
      await this.events.publish(manager, BillingEvents.invoicePaid, { ...facts, ...money });
      return { view: toSubscriptionView(subscription, invoice), outcome: 'paid' };
    }
    let outcome: 'declined' | 'insufficient_funds' | 'deadline_exceeded' | 'abandoned';
    if (result.outcome === 'declined' || result.outcome === 'insufficient_funds') {
      outcome = result.outcome;
      await moveIfStill(manager, invoice.id, 'void', { failureReason: result.reason });
    } else if (result.outcome === 'deadline_exceeded' && !result.late) {
      outcome = 'deadline_exceeded';
      await moveIfStill(manager, invoice.id, 'void', { failureReason: result.reason });
    } else {
      outcome = inTime ? 'abandoned' : 'deadline_exceeded';
      const reason = inTime ? 'the invoice was abandoned while it was being charged' : 'the payment did not complete before the deadline';
      await moveIfStill(manager, invoice.id, 'abandoned', {
        failureReason: result.outcome === 'deadline_exceeded' ? result.reason : reason,
      });
    }
    const subscription =
      (await manager.findOneBy(Subscription, { id: invoice.subscriptionId })) ??
      (await this.insertSubscription(manager, invoice, plan, 'payment_failed'));
    await this.events.publish(manager, BillingEvents.paymentFailed, { ...facts, ...money, reason: outcome });
    const current = await manager.findOneByOrFail(Invoice, { id: invoice.id });
    return { view: toSubscriptionView(subscription, current), outcome };
  }

  private async insertSubscription(
    manager: EntityManager,
    invoice: Invoice,
    plan: Plan,
    status: 'active' | 'payment_failed',
  ): Promise<Subscription> {
    const subscription = manager.create(Subscription, {
      id: invoice.subscriptionId,
      userId: invoice.userId,
      planId: plan.id,
      status,
      createdAt: invoice.createdAt,
      endedAt: null,
    });
    await manager.insert(Subscription, subscription);
    return subscription;
  }
}
