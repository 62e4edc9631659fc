import { ANONYMOUS_ACTOR } from '@app/contracts';
import { childOf, formatTraceparent, MessageContext, newTrace, parseTraceparent } from '@app/platform';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayRequest, TRACE_ID_HEADER } from './gateway-request';

/**
 * Runs before anything else, even before the body is parsed: takes the caller's W3C
 * `traceparent` (or starts a trace), echoes the trace ID on every response, errors included, and
 * makes the request's context current, so every module call it makes carries its trace (and,
 * once the AuthenticatedGuard has verified the token, its user).
 */
export function registerTraceHook(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const incoming = parseTraceparent(request.headers.traceparent as string | undefined);
    const trace = incoming ? childOf(incoming) : newTrace();
    (request as GatewayRequest).trace = trace;
    MessageContext.enter({ trace, actor: ANONYMOUS_ACTOR, module: 'gateway' });
    void reply.header(TRACE_ID_HEADER, trace.traceId).header('traceparent', formatTraceparent(trace));
    done();
  });
}
