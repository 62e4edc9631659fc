import { NotificationKind } from '@app/contracts';
import { ReceivedEvent } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { NotificationChannelName } from '../channels/notification-channel.port';
import { Notification } from '../database/notification.entity';
import { Recipient } from '../database/recipient.entity';
import { RenderedMessage } from '../templates/rendered-message';

export interface NotificationDraft {
  event: ReceivedEvent<object>;
  recipient: Recipient;
  kind: NotificationKind;
  message: RenderedMessage;
  channel: NotificationChannelName;
  /** Set: the row is written `cancelled` with this reason and never sent (ADR 0019). */
  cancelledBecause?: string;
}

/**
 * Writes the `pending` (or, for an undone signup, `cancelled`) row through the event's own transaction: it commits with the inbox row
 * or not at all. Sending happens later, after the commit (see dispatch/).
 */
export async function queueNotification(draft: NotificationDraft): Promise<void> {
  const { event, recipient, kind, message, channel, cancelledBecause } = draft;
  await event.manager.insert(Notification, {
    id: randomUUID(),
    eventId: event.eventId,
    userId: recipient.userId,
    kind,
    channel,
    recipient: recipient.email,
    subject: message.subject,
    body: message.body,
    status: cancelledBecause ? 'cancelled' : 'pending',
    attempts: 0,
    lastError: cancelledBecause ?? null,
    nextAttemptAt: Date.now(),
    createdAt: new Date().toISOString(),
    sentAt: null,
  });
}
