import { KernelSpan, TraceContext, Tracing } from '@app/platform';
import { SpanKind } from '@opentelemetry/api';
import { FastifyReply, FastifyRequest } from 'fastify';

/** The span of one HTTP request: child of the caller's `traceparent` if it sent one, else a new trace. */
export function startHttpSpan(tracing: Tracing, request: FastifyRequest, incoming: TraceContext | undefined): KernelSpan {
  const path = request.url.split('?', 1)[0];
  return tracing.start(`${request.method} ${path}`, SpanKind.SERVER, incoming, {
    'http.request.method': request.method,
    'url.path': path,
  });
}

/**
 * Once the response is sent: named after the route (`POST /signup`, `GET /traces/:traceId`), with
 * the status as its outcome; ERROR only for a 5xx, as OpenTelemetry asks of a server span (a 4xx
 * is the client's mistake, and the module span that refused it says why).
 */
export function endHttpSpan(span: KernelSpan, request: FastifyRequest, reply: FastifyReply): void {
  const route = request.routeOptions.url;
  if (route) {
    span.rename(`${request.method} ${route}`);
    span.set({ 'http.route': route });
  }
  span.set({ 'http.response.status_code': reply.statusCode });
  span.end(String(reply.statusCode), reply.statusCode >= 500);
}
