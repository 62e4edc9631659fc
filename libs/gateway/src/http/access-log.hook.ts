import { isLogged, logRecord } from '@app/platform';
import { Logger } from '@nestjs/common';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpMetrics } from '../metrics/http-metrics';
import { GatewayRequest } from './gateway-request';

/**
 * One line per HTTP request once its response is sent: method, path, status, duration, trace ID
 * (and, in a JSON log, the same as fields; `LOG_LEVEL=warn` turns it off, and then the line is not even built), and its count and
 * duration in `/metrics`.
 */
export function registerAccessLog(fastify: FastifyInstance, metrics: HttpMetrics): void {
  const logger = new Logger('Http');
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    metrics.observe(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
    if (!isLogged('log')) return done();
    const durationMs = Math.round(reply.elapsedTime * 10) / 10;
    const path = request.url.split('?', 1)[0];
    const traceId = (request as GatewayRequest).trace?.traceId;
    logger.log(
      logRecord(`${request.method} ${path} → ${reply.statusCode} in ${durationMs} ms`, {
        method: request.method,
        path,
        status: reply.statusCode,
        durationMs,
        traceId,
      }),
    );
    done();
  });
}
