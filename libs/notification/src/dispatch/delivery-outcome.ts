import { backoffDelayMs } from '@app/platform';
import { NotificationChannelName } from '../channels/notification-channel.port';
import { Notification } from '../database/notification.entity';
import { MAX_ERROR_LENGTH, MAX_RETRY_DELAY_MS } from '../notification.constants';

export type DeliveryOutcome = Pick<Notification, 'status' | 'channel' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'sentAt'>;

export interface RetryPolicy {
  maxAttempts: number;
  retryBaseMs: number;
}

/** The row after the channel took the message. */
export function sentOutcome(row: Notification, channel: NotificationChannelName, now: number): DeliveryOutcome {
  return {
    status: 'sent',
    channel,
    attempts: row.attempts + 1,
    lastError: null,
    nextAttemptAt: row.nextAttemptAt,
    sentAt: new Date(now).toISOString(),
  };
}

/** The row after the channel refused: `failed` with a later retry, or `dead` after the last attempt. */
export function failedOutcome(
  row: Notification,
  channel: NotificationChannelName,
  reason: string,
  now: number,
  policy: RetryPolicy,
): DeliveryOutcome {
  const attempts = row.attempts + 1;
  const dead = attempts >= policy.maxAttempts;
  return {
    status: dead ? 'dead' : 'failed',
    channel,
    attempts,
    lastError: reason.slice(0, MAX_ERROR_LENGTH),
    nextAttemptAt: dead ? row.nextAttemptAt : now + backoffDelayMs(attempts, policy.retryBaseMs, MAX_RETRY_DELAY_MS),
    sentAt: null,
  };
}
