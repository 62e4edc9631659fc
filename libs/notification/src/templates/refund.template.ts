import { formatMoney } from './format-money';
import { RenderedMessage, SIGNATURE } from './rendered-message';

export interface RefundFacts {
  invoiceId: string;
  amountMinor: number;
  currency: string;
}

/** `billing.invoice.refunded.v1` → confirm the refund. */
export function renderRefund({ invoiceId, amountMinor, currency }: RefundFacts): RenderedMessage {
  const amount = formatMoney(amountMinor, currency);
  return {
    subject: `Refund of ${amount}`,
    body: [
      'Hello,',
      '',
      `we refunded ${amount} for invoice ${invoiceId}. It may take a few days to show on your statement.`,
      '',
      SIGNATURE,
    ].join('\n'),
  };
}
