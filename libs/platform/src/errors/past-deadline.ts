import { MessageContext } from '../context/message-context';
import { ModuleCallError } from './module-call.error';

/**
 * Throws 504 DEADLINE_EXCEEDED when the work in progress has outlived the deadline of the message
 * that asked for it; does nothing outside a message or without a deadline.
 *
 * Call it last inside a transaction whose caller may undo it: once the deadline has passed, the
 * caller has stopped waiting and, presuming the work aborted, may already have sent its
 * compensation (the signup saga's `auth.registration.cancel.v1`, ADR 0018). A commit after that
 * moment would outlive its own undo. Thrown inside the transaction, it rolls the work back, so
 * "no answer in time" keeps meaning "nothing was kept" — except for a commit already under way
 * at the deadline, a window of one COMMIT.
 */
export function refuseIfPastDeadline(pattern: string, now = Date.now()): void {
  const deadline = MessageContext.current()?.deadline;
  if (deadline === undefined || now <= deadline) return;
  throw new ModuleCallError({
    status: 504,
    code: 'DEADLINE_EXCEEDED',
    message: `${pattern} ran ${now - deadline} ms past its deadline; nothing was kept`,
  });
}
