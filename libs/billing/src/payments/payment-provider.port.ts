export interface ChargeRequest {
  amountMinor: number;
  currency: string;
  paymentToken: string;
  /** The provider moves money once per key: the same key answers the first result again. */
  idempotencyKey: string;
}

export type ChargeResult = { outcome: 'succeeded'; chargeId: string } | { outcome: 'declined' | 'insufficient_funds'; reason: string };

export interface RefundRequest {
  chargeId: string;
  amountMinor: number;
  currency: string;
  /** The provider refunds once per key: the same key answers the first refund again. */
  idempotencyKey: string;
}

export interface RefundResult {
  refundId: string;
}

/** A money movement the provider made under an idempotency key, as it reports it when asked. */
export type ProviderMovement =
  | { kind: 'charge'; key: string; chargeId: string; amountMinor: number; currency: string; at: string }
  | { kind: 'refund'; key: string; chargeId: string; refundId: string; amountMinor: number; currency: string; at: string };

/**
 * The port billing charges through. Adapters live beside it; which one runs is configuration
 * (`PAYMENT_PROVIDER`), so a real provider is one more adapter and nothing else changes.
 * Every call carries an idempotency key; `find` asks what happened under a key without moving
 * money (how the sweeper settles work a crash interrupted).
 */
export abstract class PaymentProvider {
  abstract charge(request: ChargeRequest): Promise<ChargeResult>;
  /** Throws when the provider refuses (unknown charge, already refunded under another key). */
  abstract refund(request: RefundRequest): Promise<RefundResult>;
  abstract find(idempotencyKey: string): Promise<ProviderMovement | undefined>;
}

/** The provider keys billing uses: one charge and at most one refund per invoice. */
export const chargeKeyOf = (invoiceId: string) => `charge:${invoiceId}`;
export const refundKeyOf = (invoiceId: string) => `refund:${invoiceId}`;
