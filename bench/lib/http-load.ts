import autocannon from 'autocannon';
import { Sample } from './stats';

export interface HttpRequestSpec {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
}

/** Closed-loop HTTP load with autocannon: `connections` clients, each one request at a time. */
export async function httpLoad(spec: HttpRequestSpec, connections: number, seconds: number): Promise<Sample> {
  const headers: Record<string, string> = { ...(spec.headers ?? {}) };
  if (spec.body !== undefined) headers['content-type'] = 'application/json';
  const result = await autocannon({
    url: spec.url,
    method: spec.method ?? 'GET',
    headers,
    body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
    connections,
    duration: seconds,
    timeout: 10,
  });
  const ok = result['2xx'];
  return {
    rps: ok / Math.max(result.duration, 0.001),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
