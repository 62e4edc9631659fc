import { eventually as retryUntil } from '@app/testing';

/** `eventually` with the patience a system of real processes needs: 15 s, polling every 150 ms. */
export const eventually = <T>(check: () => T | Promise<T>, timeoutMs = 15_000, intervalMs = 150): Promise<T> =>
  retryUntil(check, timeoutMs, intervalMs);
