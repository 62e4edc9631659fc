import { performance } from 'node:perf_hooks';
import { percentile, Sample } from './stats';

/** Closed-loop calls in this process: `concurrency` callers for `seconds`, each awaiting its call. */
export async function callLoad(call: () => Promise<unknown>, concurrency: number, seconds: number): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const maxCalls = 5_000_000;
  const worker = async () => {
    while (performance.now() < deadline && latencies.length + errors < maxCalls) {
      const t0 = performance.now();
      try {
        await call();
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  if (errors > 0 && latencies.length === 0) throw firstError;
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}
