import { IsIn, IsInt, IsString, IsUUID, Length, Min } from 'class-validator';
import { defineEvent } from '../shared';

export class InvoicePaidEvent {
  @IsUUID() invoiceId!: string;
  @IsUUID() subscriptionId!: string;
  @IsUUID() userId!: string;
  @IsString() planId!: string;
  @IsInt() @Min(0) amountMinor!: number;
  @Length(3, 3) currency!: string;
}

export class PaymentFailedEvent {
  @IsUUID() invoiceId!: string;
  @IsUUID() subscriptionId!: string;
  @IsUUID() userId!: string;
  @IsString() planId!: string;
  @IsInt() @Min(0) amountMinor!: number;
  @Length(3, 3) currency!: string;
  /** declined, insufficient_funds, deadline_exceeded, … */
  @IsString() reason!: string;
}

export class InvoiceRefundedEvent {
  @IsUUID() invoiceId!: string;
  @IsUUID() subscriptionId!: string;
  @IsUUID() userId!: string;
  @IsInt() @Min(0) amountMinor!: number;
  @Length(3, 3) currency!: string;
}

export class SubscriptionCancelledEvent {
  @IsUUID() subscriptionId!: string;
  @IsUUID() userId!: string;
  @IsIn(['user', 'refund']) reason!: 'user' | 'refund';
}

/** A user's billing events reach each subscriber in the order they happened (ADR 0016). */
const byUser = { orderingKey: 'userId' } as const;

export const BillingEvents = {
  invoicePaid: defineEvent('billing.invoice.paid.v1', InvoicePaidEvent, byUser),
  paymentFailed: defineEvent('billing.payment.failed.v1', PaymentFailedEvent, byUser),
  invoiceRefunded: defineEvent('billing.invoice.refunded.v1', InvoiceRefundedEvent, byUser),
  subscriptionCancelled: defineEvent('billing.subscription.cancelled.v1', SubscriptionCancelledEvent, byUser),
} as const;
