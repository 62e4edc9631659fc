import { InvoiceView, PlanView, SubscriptionView } from '@app/contracts';
import { Invoice } from '../database/invoice.entity';
import { Plan } from '../database/plan.entity';
import { Subscription } from '../database/subscription.entity';

const optional = <K extends string>(key: K, value: string | null) => (value === null ? {} : ({ [key]: value } as Record<K, string>));

export function toPlanView(plan: Plan): PlanView {
  return { id: plan.id, name: plan.name, amountMinor: plan.amountMinor, currency: plan.currency, interval: plan.interval };
}

export function toInvoiceView(invoice: Invoice): InvoiceView {
  return {
    id: invoice.id,
    subscriptionId: invoice.subscriptionId,
    userId: invoice.userId,
    amountMinor: invoice.amountMinor,
    currency: invoice.currency,
    status: invoice.status,
    createdAt: invoice.createdAt,
    ...optional('failureReason', invoice.failureReason),
    ...optional('paidAt', invoice.paidAt),
    ...optional('refundedAt', invoice.refundedAt),
  };
}

export function toSubscriptionView(subscription: Subscription, latestInvoice: Invoice): SubscriptionView {
  return {
    id: subscription.id,
    userId: subscription.userId,
    planId: subscription.planId,
    status: subscription.status,
    createdAt: subscription.createdAt,
    ...optional('endedAt', subscription.endedAt),
    latestInvoice: toInvoiceView(latestInvoice),
  };
}
