import { Drain, toModuleError } from '@app/platform';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayRequest } from './gateway-request';
import { retryAfterSecondsFor } from './retry-after';

const END_OF_REQUEST = Symbol('end of request');
type CountedRequest = FastifyRequest & { [END_OF_REQUEST]?: () => void };

/**
 * Graceful drain at the edge (ADR 0017): every request counts as work in flight until its reply
 * is sent or it is aborted; once the process drains, a new request is answered 503
 * `MODULE_DRAINING` with `Retry-After` before anything else runs. Registered after the trace hook.
 */
export function registerDrainHook(fastify: FastifyInstance, drain: Drain): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!drain.isDraining) {
      const end = drain.enter();
      (request as CountedRequest)[END_OF_REQUEST] = end;
      reply.raw.once('close', end);
      return done();
    }
    const body = toModuleError(drain.drainingError());
    void reply
      .status(body.status)
      .header('retry-after', String(retryAfterSecondsFor(body.code)))
      .header('connection', 'close')
      .send({ statusCode: body.status, code: body.code, message: body.message, traceId: (request as GatewayRequest).trace?.traceId });
  });
  const end = (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    (request as CountedRequest)[END_OF_REQUEST]?.();
    done();
  };
  fastify.addHook('onResponse', end);
  fastify.addHook('onRequestAbort', (request: FastifyRequest, done: () => void) => end(request, undefined as never, done));
}
