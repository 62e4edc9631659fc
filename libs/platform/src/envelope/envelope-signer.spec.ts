import { CallerName } from '@app/contracts';
import { envelopeKeysOf, newKeyPairs } from '../../test/key-pairs';
import { EnvelopeMeta } from './envelope';
import { EnvelopeSigner } from './envelope-signer';

const meta: EnvelopeMeta = {
  messageId: 'm-1',
  pattern: 'auth.token.verify.v1',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  caller: 'gateway',
  callee: 'auth',
  actor: { kind: 'user', id: 'u-1', roles: ['user'] },
  issuedAt: 1,
  deadline: 2,
};

const pairs = newKeyPairs();

/** The signer of a process hosting `hosted`: their private keys, everyone else's public keys. */
const signerOf = (...hosted: CallerName[]): EnvelopeSigner => new EnvelopeSigner(envelopeKeysOf(pairs, hosted));

describe('EnvelopeSigner', () => {
  const gateway = signerOf('gateway');
  const auth = signerOf('auth');

  it('accepts what the caller sealed for it after a trip through JSON, as on a wire, and names the keys used', () => {
    const sealed = gateway.seal(meta, { b: 1, a: { d: 2, c: 3 }, at: new Date(0), gone: undefined });
    expect(sealed.meta.keys).toEqual({ from: pairs.get('gateway')![0].id, to: pairs.get('auth')![0].id });
    expect(auth.hasValidSignature(JSON.parse(JSON.stringify(sealed)) as typeof sealed)).toBe(true);
  });

  it('refuses a payload whose keys were reordered on the way (the signature covers the bytes sent)', () => {
    const sealed = gateway.seal(meta, { b: 1, a: 2 });
    expect(auth.hasValidSignature({ ...sealed, payload: { a: 2, b: 1 } })).toBe(false);
  });

  it('refuses a payload changed after sealing', () => {
    const sealed = gateway.seal(meta, { amount: 100 });
    expect(auth.hasValidSignature({ ...sealed, payload: { amount: 1 } })).toBe(false);
  });

  it('refuses a caller, callee or actor changed after sealing', () => {
    const sealed = gateway.seal(meta, {});
    expect(auth.hasValidSignature({ ...sealed, meta: { ...sealed.meta, caller: 'billing' } })).toBe(false);
    expect(signerOf('auth', 'billing').hasValidSignature({ ...sealed, meta: { ...sealed.meta, callee: 'billing' } })).toBe(false);
    expect(auth.hasValidSignature({ ...sealed, meta: { ...sealed.meta, actor: { kind: 'user', id: 'u-1', roles: ['admin'] } } })).toBe(
      false,
    );
  });

  it('refuses a message without key ids or without a signature', () => {
    const sealed = gateway.seal(meta, {});
    expect(auth.hasValidSignature({ ...sealed, meta: { ...sealed.meta, keys: undefined } })).toBe(false);
    expect(auth.hasValidSignature({ ...sealed, signature: '' })).toBe(false);
  });

  it('cannot sign as a caller this process does not host', () => {
    expect(() => signerOf('notification').seal(meta, {})).toThrow('this process holds no key to sign as gateway to auth');
  });
});
