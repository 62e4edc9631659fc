import { MAX_RETRY_DELAY_MS } from '../notification.constants';

/**
 * The wait before the next attempt, the same rule as the kernel's outbox relay: exponential with
 * "equal jitter" (half fixed, half random), capped. With a 1 s base: ~1 s, 2 s, 4 s, 8 s …
 */
export function retryDelayMs(attempts: number, baseMs: number, capMs = MAX_RETRY_DELAY_MS, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
