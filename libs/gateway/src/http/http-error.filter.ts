import { toModuleError } from '@app/platform';
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { GatewayRequest } from './gateway-request';

/**
 * One error body for every failure at the edge, whatever module or topology produced it:
 * `{ statusCode, code, message, fields?, traceId }`.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Gateway');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<GatewayRequest>();
    const body = toModuleError(exception);
    if (body.status >= 500)
      this.logger.error(`${request.method} ${request.url} → ${body.status} ${body.code}: ${body.message}`, (exception as Error)?.stack);
    void http
      .getResponse<FastifyReply>()
      .status(body.status)
      .send({
        statusCode: body.status,
        code: body.code,
        message: body.message,
        ...(body.fields ? { fields: body.fields } : {}),
        traceId: request.trace?.traceId,
      });
  }
}
