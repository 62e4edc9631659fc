import { Actor, CallerName, ModuleName } from '@app/contracts';
import type { EnvelopeKeyIds } from '../identity/envelope-keys';

/** Everything a receiver needs to know about a message besides its payload. Plain JSON. */
export interface EnvelopeMeta {
  messageId: string;
  pattern: string;
  traceparent: string;
  caller: CallerName;
  /** The module the message is for: its process must host it, and a module pattern must be its own (ADR 0022). */
  callee: ModuleName;
  actor: Actor;
  /** Epoch milliseconds. */
  issuedAt: number;
  /** Epoch milliseconds; the receiver refuses the message after it. */
  deadline: number;
  /** Set where the message leaves the process: the ids of the caller's and the callee's keys it was signed with. */
  keys?: EnvelopeKeyIds;
}

export interface Envelope<TPayload = unknown> {
  meta: EnvelopeMeta;
  payload: TPayload;
  /** Hex HMAC-SHA256 of the JSON of `{ meta, payload }`, keyed for caller → callee (ADR 0022). */
  signature: string;
}
