import { requestHash } from './request-hash';

describe('requestHash', () => {
  it('ignores key order and the idempotency key itself', () => {
    expect(requestHash({ planId: 'a', paymentToken: 'tok_ok', idempotencyKey: 'k1' })).toBe(
      requestHash({ paymentToken: 'tok_ok', planId: 'a', idempotencyKey: 'k2' }),
    );
  });

  it('differs when a parameter differs', () => {
    expect(requestHash({ planId: 'a', paymentToken: 'tok_ok' })).not.toBe(requestHash({ planId: 'b', paymentToken: 'tok_ok' }));
  });
});
