import { OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { NotificationChannel, OutgoingMessage } from './notification-channel.port';
import { SmtpSettings } from './smtp-url';

/** Short enough that one dead server cannot stall the dispatcher for long. */
const SMTP_TIMEOUT_MS = 5_000;

/** Sends through an SMTP server with nodemailer: one connection per message, no pool. */
export class SmtpChannel extends NotificationChannel implements OnApplicationShutdown {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(
    settings: SmtpSettings,
    private readonly from: string,
  ) {
    super();
    this.transport = createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ignoreTLS: settings.ignoreTLS,
      auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    });
  }

  async send({ to, subject, text }: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to, subject, text });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
