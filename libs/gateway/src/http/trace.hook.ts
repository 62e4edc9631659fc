import { formatTraceparent, newTrace, childOf, parseTraceparent } from '@app/platform';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayRequest, TRACE_ID_HEADER } from './gateway-request';

/**
 * Runs before anything else, even before the body is parsed: takes the caller's W3C
 * `traceparent` (or starts a trace) and echoes the trace ID on every response, errors included.
 */
export function registerTraceHook(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const incoming = parseTraceparent(request.headers.traceparent as string | undefined);
    const trace = incoming ? childOf(incoming) : newTrace();
    (request as GatewayRequest).trace = trace;
    void reply.header(TRACE_ID_HEADER, trace.traceId).header('traceparent', formatTraceparent(trace));
    done();
  });
}
