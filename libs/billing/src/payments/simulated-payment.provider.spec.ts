import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paymentProviderFor } from './payment-provider.factory';
import { SimulatedPaymentProvider } from './simulated-payment.provider';

describe('the simulated payment provider', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archipelago-ledger-'));
  const ledger = join(dir, 'payment-ledger.jsonl');
  const provider = new SimulatedPaymentProvider(ledger);
  const charge = (paymentToken: string, idempotencyKey = 'k-1') =>
    provider.charge({ amountMinor: 900, currency: 'EUR', paymentToken, idempotencyKey });
  const lines = () =>
    readFileSync(ledger, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; key: string });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pays tok_ok once per key: the same key answers the same charge and moves no more money', async () => {
    const first = await charge('tok_ok');
    expect(first).toEqual({ outcome: 'succeeded', chargeId: expect.stringMatching(/^ch_sim_/) });
    expect(await charge('tok_ok')).toEqual(first);
    expect(await charge('tok_ok', 'k-2')).not.toEqual(first);
    expect(lines().map((line) => `${line.kind} ${line.key}`)).toEqual(['charge k-1', 'charge k-2']);
  });

  it('refunds once per key, and never more than was charged', async () => {
    const { chargeId } = (await charge('tok_ok', 'k-3')) as { chargeId: string };
    const request = { chargeId, amountMinor: 900, currency: 'EUR', idempotencyKey: 'r-3' };
    const [a, b] = await Promise.all([provider.refund(request), provider.refund(request)]);
    expect(a).toEqual(b);
    await expect(provider.refund({ ...request, idempotencyKey: 'r-4' })).rejects.toThrow(/cannot be refunded/);
    await expect(provider.refund({ ...request, chargeId: 'ch_sim_nothing', idempotencyKey: 'r-5' })).rejects.toThrow(/no charge/);
    expect(lines().filter((line) => line.kind === 'refund')).toHaveLength(1);
    expect(await provider.find('r-3')).toMatchObject({ kind: 'refund', chargeId, refundId: a.refundId });
    expect(await provider.find('r-4')).toBeUndefined();
  });

  it('rebuilds what it did from the ledger when it starts again', async () => {
    const again = new SimulatedPaymentProvider(ledger);
    expect(again.movements()).toEqual(provider.movements());
    expect(await again.charge({ amountMinor: 900, currency: 'EUR', paymentToken: 'tok_ok', idempotencyKey: 'k-1' })).toEqual(
      await charge('tok_ok'),
    );
    expect(lines()).toHaveLength(4);
  });

  it('is one provider for every process on its ledger: a replica finds, dedupes and refunds a charge another made after it started', async () => {
    const survivor = new SimulatedPaymentProvider(ledger);
    const { chargeId } = (await charge('tok_ok', 'k-other-replica')) as { chargeId: string };
    expect(await survivor.find('k-other-replica')).toMatchObject({ kind: 'charge', chargeId });
    expect(await survivor.charge({ amountMinor: 900, currency: 'EUR', paymentToken: 'tok_ok', idempotencyKey: 'k-other-replica' })).toEqual(
      {
        outcome: 'succeeded',
        chargeId,
      },
    );
    const refund = { chargeId, amountMinor: 900, currency: 'EUR', idempotencyKey: 'r-other-replica' };
    expect(await survivor.refund(refund)).toEqual({ refundId: expect.stringMatching(/^re_sim_/) });
    await expect(provider.refund({ ...refund, idempotencyKey: 'r-again' })).rejects.toThrow(/cannot be refunded/);
    expect(lines().filter((line) => line.key.endsWith('other-replica'))).toHaveLength(2);
  });

  it.each([
    ['tok_declined', 'declined'],
    ['tok_insufficient_funds', 'insufficient_funds'],
    ['tok_who_knows', 'declined'],
  ])('fails %s as %s, moving no money', async (token, outcome) => {
    expect(await charge(token, `k-${token}`)).toMatchObject({ outcome, reason: expect.any(String) });
    expect(await provider.find(`k-${token}`)).toBeUndefined();
  });

  it('is chosen by PAYMENT_PROVIDER, and an unknown name says which exist', () => {
    expect(paymentProviderFor('simulated')).toBeInstanceOf(SimulatedPaymentProvider);
    expect(() => paymentProviderFor('stripe')).toThrow('PAYMENT_PROVIDER="stripe" is not a known payment adapter (known: simulated)');
  });
});
