import {
  BadGatewayException,
  ConflictException,
  ForbiddenException,
  GatewayTimeoutException,
  HttpException,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';

/** What a failed payment answers, by the invoice's outcome. */
const PAYMENT_FAILURES: Record<string, { status: number; code: string }> = {
  declined: { status: 402, code: 'PAYMENT_DECLINED' },
  insufficient_funds: { status: 402, code: 'INSUFFICIENT_FUNDS' },
  deadline_exceeded: { status: 504, code: 'DEADLINE_EXCEEDED' },
  abandoned: { status: 409, code: 'SUBSCRIPTION_ABANDONED' },
};

/**
 * Every refusal of the billing module, as `{ code, message }`: the kernel's compiled handler sends
 * them as `{ status, code, message }` in every topology. A call without a signed-in user never
 * gets here: handlers take `@SignedInUser()` and the pipeline answers 401 first.
 */
export const BillingErrors = {
  planNotFound: (planId: string) => new NotFoundException({ code: 'PLAN_NOT_FOUND', message: `there is no plan "${planId}"` }),
  paymentFailed: (outcome: string, reason: string | undefined) => {
    const failure = PAYMENT_FAILURES[outcome] ?? { status: 402, code: 'PAYMENT_FAILED' };
    return new HttpException({ code: failure.code, message: `payment failed: ${reason ?? outcome}` }, failure.status);
  },
  subscriptionNotFound: () => new NotFoundException({ code: 'SUBSCRIPTION_NOT_FOUND', message: 'no such subscription' }),
  notYourSubscription: () => new ForbiddenException({ code: 'FORBIDDEN', message: 'you may only cancel your own subscriptions' }),
  subscriptionNotActive: (status: string) =>
    new ConflictException({ code: 'SUBSCRIPTION_NOT_ACTIVE', message: `the subscription is ${status}` }),
  notYourInvoices: () => new ForbiddenException({ code: 'FORBIDDEN', message: 'you may only read your own invoices' }),
  invoiceNotFound: () => new NotFoundException({ code: 'INVOICE_NOT_FOUND', message: 'no such invoice' }),
  /** A move the invoice lifecycle does not allow (a refund of an invoice that is not paid, …). */
  invoiceStateConflict: (from: string, to: string) =>
    new ConflictException({
      code: to === 'refunding' || to === 'refunded' ? 'INVOICE_NOT_PAID' : 'INVOICE_STATE_CONFLICT',
      message: `an invoice that is ${from} cannot become ${to}`,
    }),
  refundTooLate: () =>
    new GatewayTimeoutException({ code: 'DEADLINE_EXCEEDED', message: 'the refund was not started: its deadline had passed' }),
  refundRefused: (reason: string) =>
    new BadGatewayException({ code: 'REFUND_FAILED', message: `the provider refused the refund: ${reason}` }),
  idempotencyKeyReused: () =>
    new UnprocessableEntityException({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: 'this Idempotency-Key was used with different parameters',
    }),
  idempotencyKeyInUse: () =>
    new ConflictException({ code: 'IDEMPOTENCY_KEY_IN_USE', message: 'a request with this Idempotency-Key is still in progress' }),
} as const;
