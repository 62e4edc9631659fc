import { createHmac, KeyObject, timingSafeEqual } from 'node:crypto';
import { EnvelopeKeys } from '../identity/envelope-keys';
import { Envelope, EnvelopeMeta } from './envelope';

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Signs and checks envelopes that cross a process boundary, with the key of their direction
 * (caller → callee) derived from the two modules' key pairs (ADR 0022): only those two ends hold
 * it, so a process cannot sign as a module it does not host. The signature covers the JSON of
 * `{ meta, payload }` as the sender serialised it — `meta.keys` included — and the receiver
 * serialises what it parsed again, which gives the same text for anything that went through JSON,
 * and a different one — hence a refusal — for anything changed on the way.
 */
export class EnvelopeSigner {
  constructor(private readonly keys: EnvelopeKeys) {}

  /** Throws when this process holds no key for `meta.caller → meta.callee`: it does not host the caller. */
  seal<T>(meta: EnvelopeMeta, payload: T): Envelope<T> {
    const signing = this.keys.forSending(meta.caller, meta.callee);
    if (!signing) throw new Error(`this process holds no key to sign as ${meta.caller} to ${meta.callee}`);
    const signed = { ...meta, keys: signing.ids };
    return { meta: signed, payload, signature: signatureOf(signing.key, signed, payload) };
  }

  hasValidSignature(envelope: Envelope): boolean {
    const { meta, signature } = envelope;
    if (typeof signature !== 'string' || !HEX_SHA256.test(signature) || !meta.keys) return false;
    const key = this.keys.forReceiving(meta.caller, meta.callee, meta.keys);
    if (!key) return false;
    return timingSafeEqual(Buffer.from(signatureOf(key, meta, envelope.payload), 'hex'), Buffer.from(signature, 'hex'));
  }
}

function signatureOf(key: KeyObject, meta: EnvelopeMeta, payload: unknown): string {
  return createHmac('sha256', key).update(JSON.stringify({ meta, payload })).digest('hex');
}
