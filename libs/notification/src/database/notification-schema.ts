import { NotificationTables1732579200000 } from './notification-tables.migration';
import { Notification } from './notification.entity';
import { RecipientCancelled1764144000000 } from './recipient-cancelled.migration';
import { Recipient } from './recipient.entity';

/** What the notification module's own DataSource holds (the kernel adds its outbox and inbox). */
export const NOTIFICATION_ENTITIES = [Notification, Recipient];
export const NOTIFICATION_MIGRATIONS = [NotificationTables1732579200000, RecipientCancelled1764144000000];
