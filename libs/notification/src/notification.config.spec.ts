import { ConfigurationError } from '@app/platform';
import { readNotificationConfig } from './notification.config';

describe('the notification configuration', () => {
  it('without SMTP_URL uses the stored channel and the defaults', () => {
    expect(readNotificationConfig({})).toEqual({
      smtp: undefined,
      mailFrom: 'Archipelago <no-reply@archipelago.local>',
      dispatchIntervalMs: 500,
      maxAttempts: 5,
      retryBaseMs: 1000,
    });
  });

  it('reads an SMTP URL with credentials and the ignoreTLS option', () => {
    const config = readNotificationConfig({
      SMTP_URL: 'smtps://mailer:p%40ss@mail.example.com:2465?ignoreTLS=true',
      MAIL_FROM: 'Shop <shop@example.com>',
    });
    expect(config.smtp).toEqual({ host: 'mail.example.com', port: 2465, secure: true, ignoreTLS: true, user: 'mailer', password: 'p@ss' });
    expect(config.mailFrom).toBe('Shop <shop@example.com>');
  });

  it('leaves the port to nodemailer and STARTTLS on when the URL does not say', () => {
    expect(readNotificationConfig({ SMTP_URL: 'smtp://127.0.0.1' }).smtp).toEqual({
      host: '127.0.0.1',
      port: undefined,
      secure: false,
      ignoreTLS: false,
      user: undefined,
      password: undefined,
    });
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.com' }, 'SMTP_URL must start with smtp:// or smtps://'],
    [{ SMTP_URL: 'smtp://mail.example.com?pool=true' }, 'unknown options (pool)'],
    [{ SMTP_URL: 'smtp://mail.example.com?ignoreTLS=yes' }, 'ignoreTLS must be true or false'],
    [{ NOTIFICATION_MAX_ATTEMPTS: '0' }, 'NOTIFICATION_MAX_ATTEMPTS must be a positive integer'],
    [{ NOTIFICATION_DISPATCH_INTERVAL_MS: 'fast' }, 'NOTIFICATION_DISPATCH_INTERVAL_MS must be a positive integer'],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM must contain an email address'],
  ])('refuses %j at start, naming the problem', (env, problem) => {
    expect(() => readNotificationConfig(env)).toThrow(ConfigurationError);
    expect(() => readNotificationConfig(env)).toThrow(problem);
  });

  it('does not print the password of a wrong SMTP_URL', () => {
    expect(() => readNotificationConfig({ SMTP_URL: 'smtpx://user:secret@mail.example.com' })).toThrow(/^(?!.*secret)[\s\S]*$/);
  });
});
