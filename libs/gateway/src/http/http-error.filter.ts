import { toModuleError } from '@app/platform';
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { GatewayRequest } from './gateway-request';
import { retryAfterSecondsFor } from './retry-after';

/**
 * One error body for every failure at the edge, whatever module or topology produced it:
 * `{ statusCode, code, message, fields?, traceId }`; `Retry-After` on the retryable 503s.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Gateway');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<GatewayRequest>();
    const body = toModuleError(exception);
    const line = `${request.method} ${request.url} → ${body.status} ${body.code}: ${body.message}`;
    // A stack only for what nobody expected; a module down or slow (502/503/504) is an outcome, not a bug.
    if (body.code === 'INTERNAL') this.logger.error(line, (exception as Error)?.stack);
    else if (body.status >= 500) this.logger.warn(line);
    const reply = http.getResponse<FastifyReply>();
    const retryAfter = retryAfterSecondsFor(body.code);
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    void reply.status(body.status).send({
      statusCode: body.status,
      code: body.code,
      message: body.message,
      ...(body.fields ? { fields: body.fields } : {}),
      traceId: request.trace?.traceId,
    });
  }
}
