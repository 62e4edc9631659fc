import { renderPaymentFailed } from './payment-failed.template';
import { renderReceipt } from './receipt.template';
import { renderRefund } from './refund.template';
import { renderWelcome } from './welcome.template';

const invoice = { invoiceId: '5b0c2c1e-7f1d-4a55-9d0c-0d7b8f1f2a01', planId: 'basic-monthly', amountMinor: 900, currency: 'EUR' };

describe('the notification templates', () => {
  it('welcome names the new account', () => {
    const message = renderWelcome({ email: 'ada@example.com' });
    expect(message.subject).toBe('Welcome to Archipelago');
    expect(message.body).toContain('ada@example.com');
  });

  it('a receipt shows the amount from minor units with its currency, the plan and the invoice', () => {
    const message = renderReceipt(invoice);
    expect(message.subject).toBe('Receipt: 9.00 EUR paid');
    expect(message.body).toContain('9.00 EUR');
    expect(message.body).toContain('basic-monthly');
    expect(message.body).toContain(invoice.invoiceId);
  });

  it('a failed payment says how much and why', () => {
    const message = renderPaymentFailed({ ...invoice, amountMinor: 2900, reason: 'insufficient_funds' });
    expect(message.subject).toBe('Your payment of 29.00 EUR failed');
    expect(message.body).toContain('Reason: insufficient funds');
  });

  it('a refund confirms the amount and the invoice', () => {
    const message = renderRefund({ invoiceId: invoice.invoiceId, amountMinor: 900, currency: 'EUR' });
    expect(message.subject).toBe('Refund of 9.00 EUR');
    expect(message.body).toContain(invoice.invoiceId);
  });

  it('every message is plain text signed the same way', () => {
    const messages = [
      renderWelcome({ email: 'a@b.c' }),
      renderReceipt(invoice),
      renderPaymentFailed({ ...invoice, reason: 'declined' }),
      renderRefund(invoice),
    ];
    for (const message of messages) {
      expect(message.body.endsWith('— Archipelago')).toBe(true);
      expect(message.subject).not.toMatch(/[\r\n]/);
    }
  });
});
