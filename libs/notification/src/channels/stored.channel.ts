import { NotificationChannel, OutgoingMessage } from './notification-channel.port';

/**
 * The built-in channel when no SMTP server is configured: the rendered message is already in
 * the notification row, readable with `notification.messages.list.v1`, so sending is a no-op.
 */
export class StoredChannel extends NotificationChannel {
  readonly name = 'stored';

  async send(_message: OutgoingMessage): Promise<void> {}
}
