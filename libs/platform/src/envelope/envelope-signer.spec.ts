import { EnvelopeMeta } from './envelope';
import { EnvelopeSigner } from './envelope-signer';

const meta: EnvelopeMeta = {
  messageId: 'm-1',
  pattern: 'auth.token.verify.v1',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  caller: 'gateway',
  actor: { kind: 'user', id: 'u-1', roles: ['user'] },
  issuedAt: 1,
  deadline: 2,
};

describe('EnvelopeSigner', () => {
  const signer = new EnvelopeSigner('a-secret-that-is-long-enough-for-hmac-use');

  it('accepts what it sealed after a trip through JSON, as on a wire', () => {
    const sealed = signer.seal(meta, { b: 1, a: { d: 2, c: 3 }, at: new Date(0), gone: undefined });
    expect(signer.hasValidSignature(JSON.parse(JSON.stringify(sealed)) as typeof sealed)).toBe(true);
  });

  it('refuses a payload whose keys were reordered on the way (the signature covers the bytes sent)', () => {
    const sealed = signer.seal(meta, { b: 1, a: 2 });
    expect(signer.hasValidSignature({ ...sealed, payload: { a: 2, b: 1 } })).toBe(false);
  });

  it('refuses a payload changed after sealing', () => {
    const sealed = signer.seal(meta, { amount: 100 });
    expect(signer.hasValidSignature({ ...sealed, payload: { amount: 1 } })).toBe(false);
  });

  it('refuses a caller or actor changed after sealing', () => {
    const sealed = signer.seal(meta, {});
    expect(signer.hasValidSignature({ ...sealed, meta: { ...meta, caller: 'billing' } })).toBe(false);
    expect(signer.hasValidSignature({ ...sealed, meta: { ...meta, actor: { kind: 'user', id: 'u-1', roles: ['admin'] } } })).toBe(false);
  });

  it('refuses a signature made with another key, or no signature at all', () => {
    const forged = new EnvelopeSigner('another-secret-that-is-long-enough-too').seal(meta, {});
    expect(signer.hasValidSignature(forged)).toBe(false);
    expect(signer.hasValidSignature({ ...forged, signature: '' })).toBe(false);
  });
});
