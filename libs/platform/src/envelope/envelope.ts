import { Actor, CallerName } from '@app/contracts';

/** Everything a receiver needs to know about a message besides its payload. Plain JSON. */
export interface EnvelopeMeta {
  messageId: string;
  pattern: string;
  traceparent: string;
  caller: CallerName;
  actor: Actor;
  /** Epoch milliseconds. */
  issuedAt: number;
  /** Epoch milliseconds; the receiver refuses the message after it. */
  deadline: number;
}

export interface Envelope<TPayload = unknown> {
  meta: EnvelopeMeta;
  payload: TPayload;
  /** Hex HMAC-SHA256 of the canonical JSON of `{ meta, payload }`. */
  signature: string;
}
