import { afterFailure, CLEAN_STREAK, isLocked, LoginStreak } from './login-streak.policy';

const minutes = (n: number) => n * 60_000;
const at = (start: Date, offsetMs: number) => new Date(start.getTime() + offsetMs);

function failures(count: number, start: Date, spacingMs: number, streak: LoginStreak = CLEAN_STREAK): LoginStreak {
  for (let i = 0; i < count; i++) streak = afterFailure(streak, at(start, i * spacingMs));
  return streak;
}

describe('the login streak (lockout rule, over time)', () => {
  const start = new Date('2026-01-01T10:00:00.000Z');

  it('five failures within 15 minutes lock the account for 15 minutes from the fifth', () => {
    const streak = failures(5, start, minutes(3));

    expect(streak.lockedUntil).toBe(at(start, minutes(12 + 15)).toISOString());
    expect(isLocked(streak, at(start, minutes(26)))).toBe(true);
    expect(isLocked(streak, at(start, minutes(27)))).toBe(false);
  });

  it('failures spread over more than 15 minutes start a new run and do not lock', () => {
    const streak = failures(5, start, minutes(4));

    // The fifth comes 16 minutes after the first: the run it would have completed is over.
    expect(streak).toEqual({ failedLoginCount: 1, failedLoginSince: at(start, minutes(16)).toISOString(), lockedUntil: null });
  });

  it('an attempt while locked is counted but does not extend the lock', () => {
    const locked = failures(5, start, 1000);

    const after = afterFailure(locked, at(start, minutes(5)));

    expect(after).toEqual({ ...locked, failedLoginCount: 6 });
  });

  it('after the lock ends, a failure starts a new run of one', () => {
    const locked = failures(5, start, 1000);

    const after = afterFailure(locked, at(start, minutes(20)));

    expect(after).toEqual({ failedLoginCount: 1, failedLoginSince: at(start, minutes(20)).toISOString(), lockedUntil: null });
  });
});
