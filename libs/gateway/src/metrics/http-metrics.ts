import { Metrics } from '@app/platform';
import { Counter, Histogram } from 'prom-client';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * HTTP requests at the edge by route (the route's pattern, `/billing/invoices/:id/refund`, never
 * the raw URL, so ids do not multiply the series), method and status.
 */
export class HttpMetrics {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly seconds: Histogram<'method' | 'route'>;

  constructor(metrics: Metrics) {
    this.requests = new Counter({
      name: 'archipelago_http_requests_total',
      help: 'HTTP requests the gateway answered, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [metrics.registry],
    });
    this.seconds = new Histogram({
      name: 'archipelago_http_request_duration_seconds',
      help: 'Time from request to response at the gateway, by method and route',
      labelNames: ['method', 'route'],
      buckets: BUCKETS,
      registers: [metrics.registry],
    });
  }

  observe(method: string, route: string | undefined, status: number, durationMs: number): void {
    const labels = { method, route: route ?? 'unmatched' };
    this.requests.inc({ ...labels, status: String(status) });
    this.seconds.observe(labels, durationMs / 1000);
  }
}
