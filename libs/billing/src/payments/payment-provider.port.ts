export interface ChargeRequest {
  amountMinor: number;
  currency: string;
  paymentToken: string;
  /** Passed on so the provider charges once per key too. */
  idempotencyKey: string;
}

export type ChargeResult = { outcome: 'succeeded'; chargeId: string } | { outcome: 'declined' | 'insufficient_funds'; reason: string };

export interface RefundRequest {
  chargeId: string;
  amountMinor: number;
  currency: string;
}

/**
 * The port billing charges through. Adapters live beside it; which one runs is configuration
 * (`PAYMENT_PROVIDER`), so a real provider is one more adapter and nothing else changes.
 */
export abstract class PaymentProvider {
  abstract charge(request: ChargeRequest): Promise<ChargeResult>;
  abstract refund(request: RefundRequest): Promise<{ refundId: string }>;
}
