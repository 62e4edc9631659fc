import { NotificationView } from '@app/contracts';
import { Notification } from '../database/notification.entity';

/** A row as the contract shows it: no retry bookkeeping, absent fields left out. */
export function toNotificationView(row: Notification): NotificationView {
  const view: NotificationView = {
    id: row.id,
    eventId: row.eventId,
    userId: row.userId,
    kind: row.kind,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.createdAt,
  };
  if (row.lastError) view.lastError = row.lastError;
  if (row.sentAt) view.sentAt = row.sentAt;
  return view;
}
