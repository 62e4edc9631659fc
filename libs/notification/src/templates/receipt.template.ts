import { formatMoney } from './format-money';
import { RenderedMessage, SIGNATURE } from './rendered-message';

export interface ReceiptFacts {
  invoiceId: string;
  planId: string;
  amountMinor: number;
  currency: string;
}

/** `billing.invoice.paid.v1` → the receipt. */
export function renderReceipt({ invoiceId, planId, amountMinor, currency }: ReceiptFacts): RenderedMessage {
  const amount = formatMoney(amountMinor, currency);
  return {
    subject: `Receipt: ${amount} paid`,
    body: [
      'Hello,',
      '',
      `we received your payment of ${amount} for the plan ${planId}.`,
      `Invoice: ${invoiceId}`,
      '',
      'Thank you.',
      SIGNATURE,
    ].join('\n'),
  };
}
