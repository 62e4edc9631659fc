/**
 * Codes a caller should retry after a short wait, with the `Retry-After` (seconds) the edge sends
 * for them: a module draining on shutdown, or one not reachable (yet) — e.g. while it restarts.
 */
const RETRY_AFTER_SECONDS: Record<string, number> = {
  MODULE_DRAINING: 1,
  MODULE_UNAVAILABLE: 1,
};

export function retryAfterSecondsFor(code: string): number | undefined {
  return RETRY_AFTER_SECONDS[code];
}
