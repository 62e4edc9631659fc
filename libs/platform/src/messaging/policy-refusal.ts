import { EnvelopeMeta } from '../envelope/envelope';
import { RefusalError } from '../errors/refusal.error';
import { HandlerMetadata } from './handler-policy';

/** How far past its issue a deadline may lie when `MAX_DEADLINE_MS` is not set. */
export const DEFAULT_MAX_DEADLINE_MS = 60_000;

/**
 * The deadline cap: `MAX_DEADLINE_MS` (a positive integer, default 60 s), never below
 * `CALL_TIMEOUT_MS` so a configured call timeout cannot lock a system out of its own calls.
 */
export function maxDeadlineMs(env: NodeJS.ProcessEnv = process.env): number {
  const positive = (raw: string | undefined) => (raw && Number.isInteger(Number(raw)) && Number(raw) > 0 ? Number(raw) : undefined);
  return Math.max(positive(env.MAX_DEADLINE_MS) ?? DEFAULT_MAX_DEADLINE_MS, positive(env.CALL_TIMEOUT_MS) ?? 0);
}

let cap: number | undefined;

/**
 * What a handler's boundary refuses, whatever the transport: a message past its deadline, or
 * whose deadline lies further than the cap after it was issued (a deadline in 2100 would make a
 * handler's work unbounded), a caller the handler does not list, an actor without one of its
 * roles. Undefined means allowed.
 */
export function policyRefusal(
  handler: HandlerMetadata,
  meta: EnvelopeMeta,
  now = Date.now(),
  maxDeadline = (cap ??= maxDeadlineMs()),
): RefusalError | undefined {
  if (meta.deadline < now) return new RefusalError('deadline-expired', `the deadline of ${meta.pattern} has passed`);
  if (meta.deadline - Math.min(meta.issuedAt, now) > maxDeadline) {
    return new RefusalError('bad-envelope', `the deadline of ${meta.pattern} lies more than ${maxDeadline} ms after it was issued`);
  }
  if (!handler.callers.includes(meta.caller)) {
    return new RefusalError('caller-not-allowed', `"${meta.caller}" may not call ${meta.pattern}`);
  }
  if (!handler.roles || handler.roles.length === 0) return undefined;
  const roles = meta.actor.kind === 'user' ? meta.actor.roles : [];
  if (handler.roles.some((role) => roles.includes(role))) return undefined;
  return new RefusalError('role-missing', `${meta.pattern} needs the role ${handler.roles.join(' or ')}`);
}
