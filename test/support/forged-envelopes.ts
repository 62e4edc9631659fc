import { CALLER_NAMES, CallerName } from '@app/contracts';
import {
  Envelope,
  EnvelopeKeys,
  EnvelopeMeta,
  EnvelopeSigner,
  loadKeySet,
  pairKey,
  privateKeyFile,
  publicKeyFile,
  readKeyFile,
} from '@app/platform';
import { createHmac } from 'node:crypto';

/**
 * A signer holding exactly what the process hosting `hosted` holds — their private keys and the
 * others' public keys — read from a system's key set: what a compromised process of that system
 * could sign.
 */
export function signerOfProcessHosting(keysDir: string, hosted: CallerName[]): EnvelopeSigner {
  const peers = CALLER_NAMES.filter((caller) => !hosted.includes(caller));
  return new EnvelopeSigner(new EnvelopeKeys(loadKeySet(keysDir, hosted, peers)));
}

/**
 * The best a process holding only `holder`'s private key can make of a message claiming to come
 * from `meta.caller`: its own shared secret with the callee, under the claimed caller's label and
 * key id. The receiver must refuse it.
 */
export function envelopeForgedBy(keysDir: string, holder: CallerName, meta: EnvelopeMeta, payload: object): Envelope {
  const [own] = readKeyFile(privateKeyFile(keysDir, holder), 'private');
  const [claimed] = readKeyFile(publicKeyFile(keysDir, meta.caller), 'public');
  const [callee] = readKeyFile(publicKeyFile(keysDir, meta.callee), 'public');
  const key = pairKey(meta.caller, meta.callee, claimed, callee, own.key, callee.key);
  const signed = { ...meta, keys: { from: claimed.id, to: callee.id } };
  return {
    meta: signed,
    payload,
    signature: createHmac('sha256', key)
      .update(JSON.stringify({ meta: signed, payload }))
      .digest('hex'),
  };
}
