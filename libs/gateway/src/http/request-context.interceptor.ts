import { ANONYMOUS_ACTOR } from '@app/contracts';
import { MessageContext } from '@app/platform';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { GatewayRequest } from './gateway-request';

/** Runs the controller inside the request's context: every module call carries its trace and actor. */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const messageContext = { trace: request.trace, actor: request.actor ?? ANONYMOUS_ACTOR, module: 'gateway' };
    return new Observable((subscriber) => MessageContext.run(messageContext, () => next.handle().subscribe(subscriber)));
  }
}
