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

/** A message ID is remembered, in memory and in the callee's database (ADR 0023): it has a bound. */
export const MAX_MESSAGE_ID_LENGTH = 64;

const KEY_ID = /^[0-9a-f]{16}$/;

const isKeyIds = (value: unknown): boolean =>
  isRecord(value) && typeof value.from === 'string' && KEY_ID.test(value.from) && typeof value.to === 'string' && KEY_ID.test(value.to);

/** Structural check before anything else looks inside: says what is missing, or nothing. */
export function envelopeShapeProblem(value: unknown): string | undefined {
  if (!isRecord(value) || !isRecord(value.meta)) return 'the message is not an envelope { meta, payload, signature }';
  const meta = value.meta;
  if (typeof meta.messageId !== 'string' || typeof meta.pattern !== 'string') return 'meta.messageId and meta.pattern are required';
  if (meta.messageId.length === 0 || meta.messageId.length > MAX_MESSAGE_ID_LENGTH)
    return `meta.messageId must be 1 to ${MAX_MESSAGE_ID_LENGTH} characters`;
  if (typeof meta.traceparent !== 'string') return 'meta.traceparent is required';
  if (typeof meta.caller !== 'string' || !(isModuleName(meta.caller) || meta.caller === GATEWAY))
    return 'meta.caller must name a module or the gateway';
  if (typeof meta.callee !== 'string' || !isModuleName(meta.callee)) return 'meta.callee must name a module';
  if (meta.keys !== undefined && !isKeyIds(meta.keys)) return 'meta.keys must be { from, to }, each 16 hex characters';
  if (!isActor(meta.actor)) return 'meta.actor must be a user (id of 1 to 64 characters, roles), system or anonymous actor';
  if (typeof meta.issuedAt !== 'number' || typeof meta.deadline !== 'number')
    return 'meta.issuedAt and meta.deadline must be epoch milliseconds';
  if (!('payload' in value)) return 'payload is required';
  return undefined;
}

export function isEnvelope(value: unknown): value is Envelope {
  return envelopeShapeProblem(value) === undefined;
}
