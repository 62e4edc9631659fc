import { EnvelopeMeta } from '../envelope/envelope';
import { RefusalError } from '../errors/refusal.error';
import { HandlerMetadata } from './handler-policy';

/**
 * What a handler's boundary refuses, whatever the transport: a message past its deadline, or
 * whose deadline lies further than the cap after it was issued (a deadline in 2100 would make a
 * handler's work unbounded), a caller the handler does not list, an actor without one of its
 * roles. Undefined means allowed. `maxDeadline` is `PlatformConfig.maxDeadlineMs` (`MAX_DEADLINE_MS`).
 */
export function policyRefusal(
  handler: HandlerMetadata,
  meta: EnvelopeMeta,
  maxDeadline: number,
  now = Date.now(),
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
