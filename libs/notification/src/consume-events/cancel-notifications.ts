import { EntityManager, In } from 'typeorm';
import { Notification } from '../database/notification.entity';

/** The reason stored in `lastError` of every notification an undone signup stopped. */
export const signupCancelledReason = (reason: string) => `signup cancelled: ${reason}`.slice(0, 1000);

/**
 * Stops every message of the user not sent yet (`pending`, `failed`): `cancelled`, with the reason.
 * A row the dispatcher has claimed (`sending`) is left alone: it is as good as sent.
 */
export async function cancelUnsent(manager: EntityManager, userId: string, reason: string): Promise<void> {
  await manager.update(Notification, { userId, status: In(['pending', 'failed']) }, { status: 'cancelled', lastError: reason });
}

/**
 * Whether the user has already been told anything (a welcome, say), or a message is on its way
 * (`sending`, claimed by the dispatcher): then a cancellation notice is owed.
 */
export async function anythingSent(manager: EntityManager, userId: string): Promise<boolean> {
  return (await manager.countBy(Notification, { userId, status: In(['sent', 'sending']) })) > 0;
}
