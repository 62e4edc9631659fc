import { ChargeRequest, ChargeResult, PaymentProvider } from '../payments/payment-provider.port';

/** A charge's answer, or: the deadline came first (and `late` is the charge, if one was started). */
export type DeadlineAwareResult = ChargeResult | { outcome: 'deadline_exceeded'; reason: string; late?: Promise<ChargeResult> };

/**
 * Charges, but stops waiting at the caller's deadline: nobody is waiting for the answer any
 * more. No charge is started once the deadline has passed, and an answer that arrives after it —
 * even one that was ready at once but ran after a pause — counts as late: the caller gets
 * `deadline_exceeded` and `late`, which the caller of this function must settle (refund).
 */
export async function chargeBeforeDeadline(
  provider: PaymentProvider,
  request: ChargeRequest,
  deadline?: number,
): Promise<DeadlineAwareResult> {
  if (deadline === undefined) return provider.charge(request);
  if (Date.now() >= deadline) return { outcome: 'deadline_exceeded', reason: 'the deadline had passed before the payment started' };
  const charge = provider.charge(request);
  charge.catch(() => undefined); // a late failure is settled by whoever holds `late`
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), Math.max(0, deadline - Date.now()))));
  const first = await Promise.race([charge, expired]);
  clearTimeout(timer);
  if (first !== 'expired' && Date.now() < deadline) return first;
  return { outcome: 'deadline_exceeded', reason: 'the payment did not complete before the deadline', late: charge };
}
