/** Retries an assertion until it passes or the time is up (events arrive asynchronously). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000, intervalMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
  throw lastError;
}
