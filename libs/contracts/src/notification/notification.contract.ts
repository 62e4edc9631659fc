import { clientFor, defineContract, query } from '../shared';
import { ListDeadLettersRequest, ListNotificationsRequest, NotificationList } from './notification.dto';

/** The notification module is written to by events only; these are its queries. */
export const NotificationContract = defineContract('notification', {
  listOwn: query('notification.messages.list.v1', ListNotificationsRequest).returns<NotificationList>(),
  listDeadLetters: query('notification.dead-letter.list.v1', ListDeadLettersRequest).returns<NotificationList>(),
});

/** The typed client of the notification module (`notificationClient.listOwn()`). */
export class NotificationClient extends clientFor(NotificationContract) {}
