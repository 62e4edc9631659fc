import { isModuleName, ownerOf, PlatformEvents } from '@app/contracts';
import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, concatMap, from, Observable } from 'rxjs';
import { MessageContext, MessageContextData } from '../context/message-context';
import { parseTraceparent, newTrace } from '../context/trace-context';
import { Envelope } from '../envelope/envelope';
import { toModuleError } from '../errors/to-module-error';
import { HostedModules } from '../module/hosted-modules';
import { HANDLER_METADATA, HandlerMetadata } from './handler-policy';

/**
 * Runs the handler inside the message's context (trace, actor, deadline), so logs, nested calls
 * and published events carry them; then stamps every command's outcome for the audit log.
 */
@Injectable()
export class MessageContextInterceptor implements NestInterceptor {
  private readonly logger = new Logger('CommandStamp');

  constructor(
    private readonly reflector: Reflector,
    private readonly hosted: HostedModules,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { meta } = context.switchToRpc().getData<Envelope>();
    const handler = this.reflector.get<HandlerMetadata>(HANDLER_METADATA, context.getHandler());
    const owner = ownerOf(handler.contract.pattern);
    const messageContext: MessageContextData = {
      trace: parseTraceparent(meta.traceparent) ?? newTrace(),
      actor: meta.actor,
      module: owner,
      deadline: meta.deadline,
    };
    const stamped = handler.contract.kind === 'command' && isModuleName(owner);
    return new Observable((subscriber) =>
      MessageContext.run(messageContext, () => {
        const result$ = next.handle();
        const withStamp$ = !stamped
          ? result$
          : result$.pipe(
              concatMap((value) => from(this.stamp(owner, meta, 'ok').then(() => value))),
              catchError((error: unknown) => from(this.stamp(owner, meta, 'error', error).then(() => { throw error; }))),
            );
        return withStamp$.subscribe(subscriber);
      }),
    );
  }

  private async stamp(owner: string, meta: Envelope['meta'], outcome: 'ok' | 'error', error?: unknown): Promise<void> {
    const module = isModuleName(owner) ? this.hosted.get(owner) : undefined;
    if (!module) return;
    const errorCode = error === undefined ? undefined : toModuleError(error).code;
    try {
      await module.publisher.publishAlone(PlatformEvents.commandHandled, { pattern: meta.pattern, outcome, caller: meta.caller, ...(errorCode ? { errorCode } : {}) });
    } catch (stampError) {
      this.logger.error(`could not stamp ${meta.pattern}: ${(stampError as Error).message}`);
    }
  }
}
