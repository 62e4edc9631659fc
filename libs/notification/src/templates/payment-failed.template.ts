import { formatMoney } from './format-money';
import { RenderedMessage, SIGNATURE } from './rendered-message';

export interface PaymentFailedFacts {
  invoiceId: string;
  planId: string;
  amountMinor: number;
  currency: string;
  /** As billing reports it: declined, insufficient_funds, deadline_exceeded, … */
  reason: string;
}

/** `billing.payment.failed.v1` → tell the user the charge did not go through, and why. */
export function renderPaymentFailed({ invoiceId, planId, amountMinor, currency, reason }: PaymentFailedFacts): RenderedMessage {
  const amount = formatMoney(amountMinor, currency);
  return {
    subject: `Your payment of ${amount} failed`,
    body: [
      'Hello,',
      '',
      `we could not charge ${amount} for the plan ${planId}.`,
      `Reason: ${reason.replace(/_/g, ' ')}`,
      `Invoice: ${invoiceId}`,
      '',
      'No money was taken. You can try again with another card.',
      SIGNATURE,
    ].join('\n'),
  };
}
