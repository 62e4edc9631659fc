import { BillingEvents, CreateSubscriptionRequest, SubscriptionView, UserActor } from '@app/contracts';
import { EventPublisher, MessageContext, ModuleDatabase } from '@app/platform';
import { HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Customer } from '../database/customer.entity';
import { Invoice } from '../database/invoice.entity';
import { Plan } from '../database/plan.entity';
import { Subscription } from '../database/subscription.entity';
import { moveInvoice } from '../domain/invoice-lifecycle';
import { PaymentProvider } from '../payments/payment-provider.port';
import { toSubscriptionView } from '../views/billing-views';
import { chargeBeforeDeadline, DeadlineAwareResult } from './charge-before-deadline';

const FAILURE_STATUS: Record<string, { status: number; code: string }> = {
  declined: { status: 402, code: 'PAYMENT_DECLINED' },
  insufficient_funds: { status: 402, code: 'INSUFFICIENT_FUNDS' },
  deadline_exceeded: { status: 504, code: 'DEADLINE_EXCEEDED' },
};

/**
 * Subscribe = open an invoice, charge it (outside any transaction), then record the outcome and
 * its event in one transaction. A failed payment is recorded too, then answered with 402/504.
 */
@Injectable()
export class CreateSubscriptionService {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly events: EventPublisher,
    private readonly payments: PaymentProvider,
  ) {}

  async subscribe(user: UserActor, request: CreateSubscriptionRequest): Promise<SubscriptionView> {
    const plan = await this.db.read((manager) => manager.findOneBy(Plan, { id: request.planId }));
    if (!plan) throw new NotFoundException({ code: 'PLAN_NOT_FOUND', message: `there is no plan "${request.planId}"` });
    const invoice = await this.db.transaction((manager) => this.openInvoice(manager, user.id, plan));
    const idempotencyKey = request.idempotencyKey ?? invoice.id;
    const charge = { amountMinor: plan.amountMinor, currency: plan.currency, paymentToken: request.paymentToken, idempotencyKey };
    const result = await chargeBeforeDeadline(this.payments, charge, MessageContext.current()?.deadline);
    const view = await this.db.transaction((manager) => this.record(manager, plan, invoice, result));
    if (result.outcome === 'succeeded') return view;
    const failure = FAILURE_STATUS[result.outcome];
    throw new HttpException({ code: failure.code, message: `payment failed: ${result.reason}` }, failure.status);
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

  private async record(manager: EntityManager, plan: Plan, invoice: Invoice, result: DeadlineAwareResult): Promise<SubscriptionView> {
    const now = new Date().toISOString();
    const paid = result.outcome === 'succeeded';
    const subscription = manager.create(Subscription, {
      id: invoice.subscriptionId,
      userId: invoice.userId,
      planId: plan.id,
      status: paid ? 'active' : 'payment_failed',
      createdAt: invoice.createdAt,
      endedAt: null,
    });
    await manager.insert(Subscription, subscription);
    const outcome = paid
      ? { status: moveInvoice(invoice.status, 'paid'), chargeId: result.chargeId, paidAt: now }
      : { status: moveInvoice(invoice.status, 'void'), failureReason: result.reason };
    Object.assign(invoice, outcome);
    // UPDATE by key: `save` would SELECT the row first to find what changed.
    await manager.update(Invoice, { id: invoice.id }, outcome);
    const facts = {
      invoiceId: invoice.id,
      subscriptionId: subscription.id,
      userId: invoice.userId,
      planId: plan.id,
      amountMinor: invoice.amountMinor,
      currency: invoice.currency,
    };
    if (paid) await this.events.publish(manager, BillingEvents.invoicePaid, facts);
    else await this.events.publish(manager, BillingEvents.paymentFailed, { ...facts, reason: result.outcome });
    return toSubscriptionView(subscription, invoice);
  }
}
