import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { toModuleError } from './to-module-error';

/** Turns whatever a handler threw into `{ status, code, message, fields? }` on the wire. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const body = toModuleError(exception);
    if (body.status >= 500 && body.code === 'INTERNAL') {
      const pattern = host.switchToRpc().getContext<{ getPattern?: () => string }>()?.getPattern?.();
      this.logger.error(`unhandled error in ${pattern ?? 'a handler'}`, (exception as Error)?.stack);
    }
    return throwError(() => body);
  }
}
