import { isModuleName, GATEWAY } from '@app/contracts';
import { Envelope } from './envelope';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isActor(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (value.kind === 'system' || value.kind === 'anonymous') return true;
  const id = value.id;
  const roles = value.roles;
  const validId = typeof id === 'string' && id.length > 0 && id.length <= 64;
  return value.kind === 'user' && validId && Array.isArray(roles) && roles.every((role) => typeof role === 'string');
}

/** Structural check before anything else looks inside: says what is missing, or nothing. */
export function envelopeShapeProblem(value: unknown): string | undefined {
  if (!isRecord(value) || !isRecord(value.meta)) return 'the message is not an envelope { meta, payload, signature }';
  const meta = value.meta;
  if (typeof meta.messageId !== 'string' || typeof meta.pattern !== 'string') return 'meta.messageId and meta.pattern are required';
  if (typeof meta.traceparent !== 'string') return 'meta.traceparent is required';
  if (typeof meta.caller !== 'string' || !(isModuleName(meta.caller) || meta.caller === GATEWAY))
    return 'meta.caller must name a module or the gateway';
  if (!isActor(meta.actor)) return 'meta.actor must be a user (id of 1 to 64 characters, roles), system or anonymous actor';
  if (typeof meta.issuedAt !== 'number' || typeof meta.deadline !== 'number')
    return 'meta.issuedAt and meta.deadline must be epoch milliseconds';
  if (!('payload' in value)) return 'payload is required';
  return undefined;
}

export function isEnvelope(value: unknown): value is Envelope {
  return envelopeShapeProblem(value) === undefined;
}
