/** The rules of the auth module, in one place. ADR 0007 says they are constants, not configuration. */

/** Every account has `user`; the first admin also has `admin`. */
export const USER_ROLE = 'user';
export const ADMIN_ROLE = 'admin';

/** Access tokens: HS256 JWTs, short-lived, checked without the database. */
export const ACCESS_TOKEN_ISSUER = 'archipelago-auth';
export const ACCESS_TOKEN_AUDIENCE = 'archipelago';
export const ACCESS_TOKEN_TTL_SECONDS = 900;

/** Refresh tokens: random, stored only as a hash, rotated on every use. */
export const REFRESH_TOKEN_BYTES = 32;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Lockout: this many consecutive failures within the window lock the account for a while. */
export const MAX_CONSECUTIVE_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_DURATION_MS = 15 * 60 * 1000;
