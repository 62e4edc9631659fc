import { ModuleErrorBody } from '@app/contracts';
import { ModuleCallError } from '../../errors/module-call.error';

/** What a request's reply carries: the handler's answer, or the error body it came to. */
interface WireReply {
  ok?: unknown;
  error?: ModuleErrorBody;
}

export function encodeJson(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

function decodeJson(data: Uint8Array): unknown {
  return JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
}

/** A request's body as sent, or undefined when it is not JSON (the gate then refuses it as no envelope). */
export function decodeMessage(data: Uint8Array): unknown {
  try {
    return decodeJson(data);
  } catch {
    return undefined;
  }
}

export function answerReply(value: unknown): Uint8Array {
  return encodeJson({ ok: value } satisfies WireReply);
}

export function errorReply(body: ModuleErrorBody): Uint8Array {
  return encodeJson({ error: body } satisfies WireReply);
}

/** The handler's answer, or its error thrown as the same `ModuleCallError` a TCP reply gives. */
export function readReply(data: Uint8Array): unknown {
  const reply = decodeJson(data) as WireReply;
  if (reply.error) throw new ModuleCallError(reply.error);
  return reply.ok;
}
