import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ChargeRequest, ChargeResult, PaymentProvider, RefundRequest } from './payment-provider.port';

/** How long `tok_slow` takes: longer than any sensible call deadline. */
export const SLOW_CHARGE_MS = 10_000;

/**
 * A deterministic stand-in for a card processor, driven by test tokens:
 * `tok_ok` pays, `tok_declined` and `tok_insufficient_funds` fail, `tok_slow` takes 10 s to pay,
 * anything else is declined. Charge IDs derive from the idempotency key: same key, same charge.
 */
@Injectable()
export class SimulatedPaymentProvider extends PaymentProvider {
  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const chargeId = `ch_sim_${createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 24)}`;
    switch (request.paymentToken) {
      case 'tok_ok':
        return { outcome: 'succeeded', chargeId };
      case 'tok_slow':
        await new Promise((resolve) => setTimeout(resolve, SLOW_CHARGE_MS).unref());
        return { outcome: 'succeeded', chargeId };
      case 'tok_declined':
        return { outcome: 'declined', reason: 'the card was declined' };
      case 'tok_insufficient_funds':
        return { outcome: 'insufficient_funds', reason: 'the card has insufficient funds' };
      default:
        return { outcome: 'declined', reason: 'unknown test token' };
    }
  }

  refund(request: RefundRequest): Promise<{ refundId: string }> {
    return Promise.resolve({ refundId: `re_sim_${request.chargeId.slice(7)}` });
  }
}
