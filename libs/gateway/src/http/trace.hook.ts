import { ANONYMOUS_ACTOR } from '@app/contracts';
import { formatTraceparent, MessageContext, parseTraceparent, Tracing } from '@app/platform';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { endHttpSpan, startHttpSpan } from '../traces/http-span';
import { GatewayRequest, TRACE_ID_HEADER } from './gateway-request';

/**
 * Runs before anything else, even before the body is parsed: takes the caller's W3C
 * `traceparent` (or starts a trace), echoes the trace ID on every response, errors included, and
 * makes the request's context current, so every module call it makes carries its trace (and,
 * once the AuthenticatedGuard has verified the token, its user). The request is a span (ADR 0027),
 * ended once the response is sent; its ID is the parent of every module call the request makes.
 */
export function registerTraceHook(fastify: FastifyInstance, tracing: Tracing): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const span = startHttpSpan(tracing, request, parseTraceparent(request.headers.traceparent as string | undefined));
    const trace = span.trace;
    (request as GatewayRequest).trace = trace;
    (request as GatewayRequest).span = span;
    MessageContext.enter({ trace, actor: ANONYMOUS_ACTOR, module: 'gateway' });
    void reply.header(TRACE_ID_HEADER, trace.traceId).header('traceparent', formatTraceparent(trace));
    done();
  });
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const { span } = request as GatewayRequest;
    if (span) endHttpSpan(span, request, reply);
    done();
  });
}
