import { UserRegisteredEvent } from '@app/contracts';
import { EntityManager } from 'typeorm';
import { Recipient } from '../database/recipient.entity';
import { NotificationErrors } from '../notification.errors';

/** Keeps the user's address, in the event's transaction (`manager`). */
export async function rememberRecipient(manager: EntityManager, { userId, email, registeredAt }: UserRegisteredEvent): Promise<Recipient> {
  const recipient: Recipient = { userId, email, registeredAt };
  await manager.upsert(Recipient, recipient, ['userId']);
  return recipient;
}

/** The user's address, or a refusal that makes the publisher deliver the event again later. */
export async function requireRecipient(manager: EntityManager, userId: string): Promise<Recipient> {
  const recipient = await manager.findOneBy(Recipient, { userId });
  if (!recipient) throw NotificationErrors.recipientUnknown(userId);
  return recipient;
}
