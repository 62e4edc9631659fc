import { Logger } from '@nestjs/common';
import { ChargeRequest, ChargeResult, PaymentProvider } from '../payments/payment-provider.port';

export type DeadlineAwareResult = ChargeResult | { outcome: 'deadline_exceeded'; reason: string };

const logger = new Logger('BillingCharge');

/**
 * Charges, but stops waiting at the caller's deadline: nobody is waiting for the answer any
 * more, and the saga will compensate. A charge that still succeeds afterwards is refunded.
 */
export async function chargeBeforeDeadline(
  provider: PaymentProvider,
  request: ChargeRequest,
  deadline?: number,
): Promise<DeadlineAwareResult> {
  const charge = provider.charge(request);
  if (deadline === undefined) return charge;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), Math.max(0, deadline - Date.now()))));
  const first = await Promise.race([charge, expired]);
  clearTimeout(timer);
  if (first !== 'expired') return first;
  void charge.then((late) => refundLateCharge(provider, request, late));
  return { outcome: 'deadline_exceeded', reason: 'the payment did not complete before the deadline' };
}

async function refundLateCharge(provider: PaymentProvider, request: ChargeRequest, late: ChargeResult): Promise<void> {
  if (late.outcome !== 'succeeded') return;
  try {
    await provider.refund({ chargeId: late.chargeId, amountMinor: request.amountMinor, currency: request.currency });
    logger.warn(`refunded charge ${late.chargeId}: it succeeded after its deadline`);
  } catch (error) {
    logger.error(`could not refund late charge ${late.chargeId}: ${(error as Error).message}`);
  }
}
