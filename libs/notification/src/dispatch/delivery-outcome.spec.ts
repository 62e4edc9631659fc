import { Notification } from '../database/notification.entity';
import { failedOutcome, sentOutcome } from './delivery-outcome';
import { backoffDelayMs as retryDelayMs } from '@app/platform';

const row = (attempts: number): Notification =>
  ({
    id: 'n-1',
    status: attempts === 0 ? 'pending' : 'failed',
    attempts,
    nextAttemptAt: 1_000,
    lastError: attempts ? 'earlier' : null,
  }) as Notification;
const policy = { maxAttempts: 3, retryBaseMs: 1000 };
const NOW = 1_000_000;

describe('what a delivery attempt does to a notification', () => {
  it('a message taken by the channel is sent, with the time and the attempt counted', () => {
    expect(sentOutcome(row(1), 'smtp', NOW)).toMatchObject({
      status: 'sent',
      channel: 'smtp',
      attempts: 2,
      lastError: null,
      sentAt: new Date(NOW).toISOString(),
    });
  });

  it('a refusal before the last attempt is failed, retried later, with the reason', () => {
    const outcome = failedOutcome(row(0), 'smtp', '550 no such user', NOW, policy);
    expect(outcome).toMatchObject({ status: 'failed', attempts: 1, lastError: '550 no such user', sentAt: null });
    expect(outcome.nextAttemptAt).toBeGreaterThanOrEqual(NOW + 500);
    expect(outcome.nextAttemptAt).toBeLessThanOrEqual(NOW + 1000);
  });

  it('the refusal of the last attempt makes it dead', () => {
    expect(failedOutcome(row(2), 'smtp', 'connect ECONNREFUSED', NOW, policy)).toMatchObject({ status: 'dead', attempts: 3 });
  });

  it('keeps a long error short', () => {
    expect(failedOutcome(row(0), 'smtp', 'x'.repeat(5000), NOW, policy).lastError).toHaveLength(1000);
  });
});

describe('the retry delay', () => {
  it('doubles with each attempt, between half and all of its ceiling', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, 1000, 60_000, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(3, 1000, 60_000, () => 0)).toBe(2000);
  });

  it('is capped', () => {
    expect(retryDelayMs(30, 1000, 60_000, () => 1)).toBe(60_000);
  });
});
