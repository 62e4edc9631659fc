import { createHmac, createSecretKey, KeyObject, timingSafeEqual } from 'node:crypto';
import { Envelope, EnvelopeMeta } from './envelope';

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Signs and checks envelopes that cross a process boundary, with the shared HMAC key (ADR 0004).
 * The signature covers the JSON of `{ meta, payload }` as the sender serialised it; the receiver
 * serialises what it parsed again, which gives the same text for anything that went through JSON,
 * and a different one — hence a refusal — for anything changed on the way.
 */
export class EnvelopeSigner {
  private readonly key: KeyObject;

  constructor(secret: string) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  seal<T>(meta: EnvelopeMeta, payload: T): Envelope<T> {
    return { meta, payload, signature: this.signatureOf(meta, payload) };
  }

  hasValidSignature(envelope: Envelope): boolean {
    if (typeof envelope.signature !== 'string' || !HEX_SHA256.test(envelope.signature)) return false;
    const expected = Buffer.from(this.signatureOf(envelope.meta, envelope.payload), 'hex');
    return timingSafeEqual(expected, Buffer.from(envelope.signature, 'hex'));
  }

  private signatureOf(meta: EnvelopeMeta, payload: unknown): string {
    return createHmac('sha256', this.key).update(JSON.stringify({ meta, payload })).digest('hex');
  }
}
