import { RegistrationCancelledEvent, UserRegisteredEvent } from '@app/contracts';
import { EntityManager } from 'typeorm';
import { Recipient } from '../database/recipient.entity';
import { NotificationErrors } from '../notification.errors';

/**
 * Keeps the user's address, in the event's transaction (`manager`). A tombstone left by an earlier
 * cancellation stays: `cancelledAt` is never cleared, so a late registration cannot undo it.
 */
export async function rememberRecipient(manager: EntityManager, { userId, email, registeredAt }: UserRegisteredEvent): Promise<Recipient> {
  await manager.upsert(Recipient, { userId, email, registeredAt }, ['userId']);
  return manager.findOneByOrFail(Recipient, { userId });
}

/**
 * Marks the user's signup as undone (a tombstone, ADR 0019). Works whether or not the registration
 * arrived first: the cancellation carries the address itself.
 */
export async function forgetRecipient(manager: EntityManager, { userId, email }: RegistrationCancelledEvent): Promise<Recipient> {
  const cancelledAt = new Date().toISOString();
  const known = await manager.findOneBy(Recipient, { userId });
  if (known) {
    if (!known.cancelledAt) await manager.update(Recipient, { userId }, { cancelledAt });
    return { ...known, cancelledAt: known.cancelledAt ?? cancelledAt };
  }
  const recipient: Recipient = { userId, email, registeredAt: cancelledAt, cancelledAt };
  await manager.insert(Recipient, recipient);
  return recipient;
}

/** The user's address, or a refusal that makes the publisher deliver the event again later. */
export async function requireRecipient(manager: EntityManager, userId: string): Promise<Recipient> {
  const recipient = await manager.findOneBy(Recipient, { userId });
  if (!recipient) throw NotificationErrors.recipientUnknown(userId);
  return recipient;
}
