import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { NOTIFICATION_CONFIG, NotificationConfig } from '../notification.config';
import { DispatchPass } from './dispatch-pass';

/**
 * Runs a dispatch pass every `NOTIFICATION_DISPATCH_INTERVAL_MS`, never two at once. On shutdown
 * it stops before any module closes its database, and waits for the message in flight.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NotificationDispatcher');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly pass: DispatchPass,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.dispatchIntervalMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Skipped while the previous pass still runs (a slow SMTP server). */
  private tick(): void {
    if (this.stopped || this.running) return;
    this.running = this.pass
      .run(() => this.stopped)
      .catch((error: Error) => this.logger.error(`dispatch pass failed: ${error.message}`))
      .finally(() => (this.running = undefined));
  }
}
