import { FAILURE_WINDOW_MS, LOCK_DURATION_MS, MAX_CONSECUTIVE_FAILURES } from '../auth.constants';
import { User } from '../database/user.entity';

/** The part of a user that the lockout rule reads and writes. */
export type LoginStreak = Pick<User, 'failedLoginCount' | 'failedLoginSince' | 'lockedUntil'>;

export const CLEAN_STREAK: LoginStreak = { failedLoginCount: 0, failedLoginSince: null, lockedUntil: null };

const ms = (iso: string | null) => (iso === null ? undefined : Date.parse(iso));

export function isLocked(streak: LoginStreak, now: Date): boolean {
  const until = ms(streak.lockedUntil);
  return until !== undefined && until > now.getTime();
}

/**
 * The streak after one more failure. A locked account counts the attempt but keeps its lock end
 * (a lock that grew with each attempt would let anyone lock an account for ever). A streak older
 * than the window, or ended by an expired lock, starts again; the fifth failure in it locks.
 */
export function afterFailure(streak: LoginStreak, now: Date): LoginStreak {
  if (isLocked(streak, now)) return { ...streak, failedLoginCount: streak.failedLoginCount + 1 };
  const since = ms(streak.failedLoginSince);
  const restart = since === undefined || now.getTime() - since >= FAILURE_WINDOW_MS || streak.lockedUntil !== null;
  const failedLoginCount = restart ? 1 : streak.failedLoginCount + 1;
  const locks = failedLoginCount >= MAX_CONSECUTIVE_FAILURES;
  return {
    failedLoginCount,
    failedLoginSince: restart ? now.toISOString() : streak.failedLoginSince,
    lockedUntil: locks ? new Date(now.getTime() + LOCK_DURATION_MS).toISOString() : null,
  };
}
