import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { Envelope, EnvelopeMeta } from './envelope';

/** Signs and checks envelopes with the shared HMAC key (see ADR 0004). */
export class EnvelopeSigner {
  constructor(private readonly secret: string) {}

  seal<T>(meta: EnvelopeMeta, payload: T): Envelope<T> {
    return { meta, payload, signature: this.signatureOf(meta, payload) };
  }

  hasValidSignature(envelope: Envelope): boolean {
    if (typeof envelope.signature !== 'string' || !/^[0-9a-f]{64}$/.test(envelope.signature)) return false;
    const expected = Buffer.from(this.signatureOf(envelope.meta, envelope.payload), 'hex');
    return timingSafeEqual(expected, Buffer.from(envelope.signature, 'hex'));
  }

  private signatureOf(meta: EnvelopeMeta, payload: unknown): string {
    return createHmac('sha256', this.secret).update(canonicalJson({ meta, payload })).digest('hex');
  }
}
