import { defineQuery } from '../shared';
import { ListDeadLettersRequest, ListNotificationsRequest, NotificationList } from './notification.dto';

/** The notification module is written to by events only; these are its queries. */
export const NotificationContract = {
  listOwn: defineQuery<ListNotificationsRequest, NotificationList>('notification.messages.list.v1', ListNotificationsRequest),
  listDeadLetters: defineQuery<ListDeadLettersRequest, NotificationList>('notification.dead-letter.list.v1', ListDeadLettersRequest),
} as const;
