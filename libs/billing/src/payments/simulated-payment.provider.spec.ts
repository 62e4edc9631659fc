import { paymentProviderFor } from './payment-provider.factory';
import { SimulatedPaymentProvider } from './simulated-payment.provider';

describe('the simulated payment provider', () => {
  const provider = new SimulatedPaymentProvider();
  const charge = (paymentToken: string, idempotencyKey = 'k-1') =>
    provider.charge({ amountMinor: 900, currency: 'EUR', paymentToken, idempotencyKey });

  it('pays tok_ok, with the same charge ID for the same key', async () => {
    const first = await charge('tok_ok');
    expect(first).toEqual({ outcome: 'succeeded', chargeId: expect.stringMatching(/^ch_sim_/) });
    expect(await charge('tok_ok')).toEqual(first);
    expect(await charge('tok_ok', 'k-2')).not.toEqual(first);
  });

  it.each([
    ['tok_declined', 'declined'],
    ['tok_insufficient_funds', 'insufficient_funds'],
    ['tok_who_knows', 'declined'],
  ])('fails %s as %s', async (token, outcome) => {
    expect(await charge(token)).toMatchObject({ outcome, reason: expect.any(String) });
  });

  it('is chosen by PAYMENT_PROVIDER, and an unknown name says which exist', () => {
    expect(paymentProviderFor('simulated')).toBeInstanceOf(SimulatedPaymentProvider);
    expect(() => paymentProviderFor('stripe')).toThrow('PAYMENT_PROVIDER="stripe" is not a known payment adapter (known: simulated)');
  });
});
