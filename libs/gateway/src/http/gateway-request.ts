import { Actor } from '@app/contracts';
import { KernelSpan, TraceContext } from '@app/platform';
import { FastifyRequest } from 'fastify';

/** What the gateway learns about a request before a controller runs. */
export interface GatewayRequest extends FastifyRequest {
  trace: TraceContext;
  /** The request's span (ADR 0027), ended once the response is sent. */
  span?: KernelSpan;
  actor?: Actor;
}

export const TRACE_ID_HEADER = 'x-trace-id';
