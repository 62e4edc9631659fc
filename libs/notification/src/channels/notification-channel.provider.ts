import { Provider } from '@nestjs/common';
import { NOTIFICATION_CONFIG, NotificationConfig } from '../notification.config';
import { NotificationChannel } from './notification-channel.port';
import { SmtpChannel } from './smtp.channel';
import { StoredChannel } from './stored.channel';

/** SMTP when `SMTP_URL` is set, else the built-in stored channel. */
export const notificationChannelProvider: Provider = {
  provide: NotificationChannel,
  useFactory: (config: NotificationConfig): NotificationChannel =>
    config.smtp ? new SmtpChannel(config.smtp, config.mailFrom) : new StoredChannel(),
  inject: [NOTIFICATION_CONFIG],
};
