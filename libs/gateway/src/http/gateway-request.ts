import { Actor } from '@app/contracts';
import { TraceContext } from '@app/platform';
import { FastifyRequest } from 'fastify';

/** What the gateway learns about a request before a controller runs. */
export interface GatewayRequest extends FastifyRequest {
  trace: TraceContext;
  actor?: Actor;
}

export const TRACE_ID_HEADER = 'x-trace-id';
