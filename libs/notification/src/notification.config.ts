import { ConfigurationError, integerAtLeast } from '@app/platform';
import { Provider } from '@nestjs/common';
import { parseSmtpUrl, SmtpSettings } from './channels/smtp-url';

/** The notification module's settings, read from the environment once, at start. */
export interface NotificationConfig {
  /** Set: deliver over SMTP. Unset: the built-in `stored` channel. */
  smtp?: SmtpSettings;
  mailFrom: string;
  dispatchIntervalMs: number;
  /** After this many failed attempts a notification is `dead`. */
  maxAttempts: number;
  /** First retry delay; it doubles with every attempt (with jitter). */
  retryBaseMs: number;
}

export const NOTIFICATION_CONFIG = Symbol('NOTIFICATION_CONFIG');

const DEFAULT_MAIL_FROM = 'Archipelago <no-reply@archipelago.local>';

export function readNotificationConfig(env: NodeJS.ProcessEnv): NotificationConfig {
  const problems: string[] = [];
  const mailFrom = env.MAIL_FROM || DEFAULT_MAIL_FROM;
  if (!mailFrom.includes('@')) problems.push(`MAIL_FROM must contain an email address (got "${mailFrom}")`);
  const config: NotificationConfig = {
    smtp: env.SMTP_URL ? parseSmtpUrl(env.SMTP_URL, problems) : undefined,
    mailFrom,
    dispatchIntervalMs: integerAtLeast(1, env, 'NOTIFICATION_DISPATCH_INTERVAL_MS', 500, problems),
    maxAttempts: integerAtLeast(1, env, 'NOTIFICATION_MAX_ATTEMPTS', 5, problems),
    retryBaseMs: integerAtLeast(1, env, 'NOTIFICATION_RETRY_BASE_MS', 1000, problems),
  };
  if (problems.length > 0) throw new ConfigurationError('notification environment', problems);
  return config;
}

/** The only place the module reads `process.env`. */
export const notificationConfigProvider: Provider = {
  provide: NOTIFICATION_CONFIG,
  useFactory: () => readNotificationConfig(process.env),
};
