import { redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it('drops every key named like a password, token or secret, whatever its case', () => {
    const payload = { email: 'ada@archipelago.test', password: 'p', newPassword: 'p', refreshToken: 't', TOKEN: 't', clientSecret: 's' };

    expect(redactSecrets(payload)).toEqual({ email: 'ada@archipelago.test' });
  });

  it('looks inside nested objects and arrays', () => {
    const payload = { card: { last4: '4242', paymentToken: 'tok_ok' }, attempts: [{ at: 1, secretAnswer: 'x' }] };

    expect(redactSecrets(payload)).toEqual({ card: { last4: '4242' }, attempts: [{ at: 1 }] });
  });

  it('keeps values that merely mention a secret, and leaves the input untouched', () => {
    const payload = { reason: 'bad-password', detail: 'token expired' };

    expect(redactSecrets(payload)).toEqual(payload);
    expect(redactSecrets(payload)).not.toBe(payload);
  });
});
