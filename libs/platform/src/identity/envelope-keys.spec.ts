import { createHmac } from 'node:crypto';
import { envelopeKeysOf, newKey, newKeyPairs, publicOf } from '../../test/key-pairs';
import { EnvelopeMeta } from '../envelope/envelope';
import { EnvelopeSigner } from '../envelope/envelope-signer';
import { pairKey } from './envelope-keys';

const meta = (overrides: Partial<EnvelopeMeta> = {}): EnvelopeMeta => ({
  messageId: 'm-1',
  pattern: 'billing.subscription.create.v1',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  caller: 'gateway',
  callee: 'billing',
  actor: { kind: 'user', id: 'u-1', roles: ['user'] },
  issuedAt: 1,
  deadline: 2,
  ...overrides,
});

const hmac = (key: import('node:crypto').KeyObject, signed: EnvelopeMeta, payload: object) =>
  createHmac('sha256', key)
    .update(JSON.stringify({ meta: signed, payload }))
    .digest('hex');

describe('module identity: pairwise keys derived from per-module key pairs', () => {
  const pairs = newKeyPairs();
  const billing = new EnvelopeSigner(envelopeKeysOf(pairs, ['billing']));

  it('lets the gateway sign what billing accepts as from the gateway (the control case)', () => {
    const sealed = new EnvelopeSigner(envelopeKeysOf(pairs, ['gateway'])).seal(meta(), { planId: 'basic' });
    expect(billing.hasValidSignature(sealed)).toBe(true);
  });

  it("gives a process holding only notification's private key no signature billing accepts as from the gateway", () => {
    const notification = new EnvelopeSigner(envelopeKeysOf(pairs, ['notification']));
    expect(() => notification.seal(meta(), {})).toThrow(/no key to sign as gateway to billing/);
    // The best it can do by hand: its own secret with billing (or with the gateway) under the gateway's label.
    const own = pairs.get('notification')![0];
    const [gatewayKey, billingKey] = [pairs.get('gateway')![0], pairs.get('billing')![0]];
    const claimed = meta({ keys: { from: gatewayKey.id, to: billingKey.id } });
    for (const peer of [billingKey, gatewayKey]) {
      const forged = pairKey('gateway', 'billing', gatewayKey, billingKey, own.key, publicOf(peer).key);
      expect(billing.hasValidSignature({ meta: claimed, payload: {}, signature: hmac(forged, claimed, {}) })).toBe(false);
    }
    // and as itself it is accepted: the refusal above is about the identity, not the format
    const asItself = notification.seal(meta({ caller: 'notification' }), {});
    expect(billing.hasValidSignature(asItself)).toBe(true);
  });

  it('keys each direction apart: what billing signs for the gateway is not accepted as the gateway to billing', () => {
    const fromBilling = new EnvelopeSigner(envelopeKeysOf(pairs, ['billing'])).seal(meta({ caller: 'billing', callee: 'auth' }), {});
    const turned = {
      ...fromBilling,
      meta: {
        ...fromBilling.meta,
        caller: 'auth' as const,
        callee: 'billing' as const,
        keys: { from: fromBilling.meta.keys!.to, to: fromBilling.meta.keys!.from },
      },
    };
    expect(billing.hasValidSignature(turned)).toBe(false);
  });

  describe('rotation: two keys per module for a while', () => {
    it("accepts either of billing's keys during the window, signs to the first, and refuses a removed key", () => {
      const keys = newKeyPairs();
      const [old, added] = [keys.get('billing')![0], newKey()];
      const gatewayWith = (billingKeys: (typeof old)[]) =>
        new EnvelopeSigner(envelopeKeysOf(new Map([...keys, ['billing', billingKeys]]), ['gateway']));
      const billingWith = (billingKeys: (typeof old)[]) =>
        new EnvelopeSigner(envelopeKeysOf(new Map([...keys, ['billing', billingKeys]]), ['billing']));

      // step 1: the new key listed second everywhere — still signed to the old one, accepted
      const step1 = gatewayWith([old, added]).seal(meta(), {});
      expect(step1.meta.keys!.to).toBe(old.id);
      expect(billingWith([old, added]).hasValidSignature(step1)).toBe(true);
      // step 2: the new key first — signed to it; a billing not yet at step 2 still accepts it
      const step2 = gatewayWith([added, old]).seal(meta(), {});
      expect(step2.meta.keys!.to).toBe(added.id);
      expect(billingWith([old, added]).hasValidSignature(step2)).toBe(true);
      expect(billingWith([added, old]).hasValidSignature(step1)).toBe(true);
      // step 3: the old key removed — a message still signed to it is refused
      expect(billingWith([added]).hasValidSignature(step2)).toBe(true);
      expect(billingWith([added]).hasValidSignature(step1)).toBe(false);
    });

    it("accepts the caller's new key once its public key is listed, and only then", () => {
      const keys = newKeyPairs();
      const [old, added] = [keys.get('gateway')![0], newKey()];
      const signedWithNew = new EnvelopeSigner(envelopeKeysOf(new Map([...keys, ['gateway', [added, old]]]), ['gateway'])).seal(meta(), {});
      const billingKnowing = (gatewayKeys: (typeof old)[]) =>
        new EnvelopeSigner(envelopeKeysOf(new Map([...keys, ['gateway', gatewayKeys]]), ['billing']));
      expect(billingKnowing([old]).hasValidSignature(signedWithNew)).toBe(false);
      expect(billingKnowing([old, added]).hasValidSignature(signedWithNew)).toBe(true);
    });
  });
});
