import { ModuleDatabase } from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { In, LessThanOrEqual } from 'typeorm';
import { NotificationChannel } from '../channels/notification-channel.port';
import { Notification } from '../database/notification.entity';
import { Recipient } from '../database/recipient.entity';
import { DISPATCH_BATCH, MAX_ERROR_LENGTH, SENDING_LEASE_MS } from '../notification.constants';
import { NOTIFICATION_CONFIG, NotificationConfig } from '../notification.config';
import { DeliveryOutcome, failedOutcome, sentOutcome } from './delivery-outcome';

/**
 * One pass of the sender: read the due rows, send each through the channel, record the outcome.
 * No transaction is open while the channel works: read, claim (`sending`), send, then a short write.
 */
@Injectable()
export class DispatchPass {
  private readonly logger = new Logger('NotificationDispatcher');

  constructor(
    private readonly db: ModuleDatabase,
    private readonly channel: NotificationChannel,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {}

  /** Sends what is due; stops between two messages once `stopped()` says so. */
  async run(stopped: () => boolean): Promise<void> {
    for (const row of await this.due()) {
      if (stopped()) return;
      await this.deliver(row);
    }
  }

  /** Due `pending`/`failed` rows, and `sending` rows whose claim expired (a pass that died mid-send). */
  private due(): Promise<Notification[]> {
    return this.db.read((manager) =>
      manager.find(Notification, {
        where: [
          { status: In(['pending', 'failed']), nextAttemptAt: LessThanOrEqual(Date.now()) },
          { status: 'sending', nextAttemptAt: LessThanOrEqual(Date.now() - SENDING_LEASE_MS) },
        ],
        order: { nextAttemptAt: 'ASC' },
        take: DISPATCH_BATCH,
      }),
    );
  }

  private async deliver(row: Notification): Promise<void> {
    if (!(await this.claim(row))) return;
    const claimed: Notification = { ...row, status: 'sending' };
    try {
      await this.channel.send({ to: row.recipient, subject: row.subject, text: row.body });
      await this.record(claimed, sentOutcome(row, this.channel.name, Date.now()));
    } catch (error) {
      const outcome = failedOutcome(row, this.channel.name, (error as Error).message ?? String(error), Date.now(), this.config);
      this.logFailure(row, outcome);
      await this.record(claimed, await this.unlessCancelled(row, outcome));
    }
  }

  /**
   * `sending`, only if the row is still what was read: a row cancelled since (an undone signup,
   * ADR 0019) is skipped, and a cancellation that comes after the claim sees the message as gone.
   */
  private async claim(row: Notification): Promise<boolean> {
    const result = await this.db.transaction((manager) =>
      manager.update(Notification, { id: row.id, status: row.status }, { status: 'sending', nextAttemptAt: Date.now() }),
    );
    return (result.affected ?? 0) === 1;
  }

  /** A send that failed after the user's signup was undone is not retried: `cancelled`. */
  private async unlessCancelled(row: Notification, outcome: DeliveryOutcome): Promise<DeliveryOutcome> {
    const recipient = await this.db.read((manager) => manager.findOneBy(Recipient, { userId: row.userId }));
    if (!recipient?.cancelledAt) return outcome;
    return {
      ...outcome,
      status: 'cancelled',
      lastError: `signup cancelled while sending: ${outcome.lastError}`.slice(0, MAX_ERROR_LENGTH),
    };
  }

  /** Only if nobody changed the row meanwhile (its status is still the one that was read). */
  private record(row: Notification, outcome: DeliveryOutcome): Promise<unknown> {
    return this.db.transaction((manager) => manager.update(Notification, { id: row.id, status: row.status }, outcome));
  }

  private logFailure(row: Notification, outcome: DeliveryOutcome): void {
    const what = `${row.kind} ${row.id} to ${row.recipient} over ${outcome.channel}`;
    if (outcome.status === 'dead')
      this.logger.warn(`${what}: gave up after ${outcome.attempts} attempts (${outcome.lastError}); it is now a dead letter`);
    else if (outcome.attempts === 1) this.logger.warn(`${what}: attempt 1 failed (${outcome.lastError}); retrying`);
  }
}
