/** Exponential backoff with "equal jitter" (half fixed, half random), capped: ~250 ms, 500 ms, 1 s … 30 s. */
export function backoffDelayMs(attempts: number, baseMs = 250, capMs = 30_000, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
