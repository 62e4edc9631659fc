import { isModuleName, ownerOf, PlatformEvents } from '@app/contracts';
import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, concatMap, from, Observable, throwError } from 'rxjs';
import { MessageContext, MessageContextData } from '../context/message-context';
import { newTrace, parseTraceparent } from '../context/trace-context';
import { Envelope } from '../envelope/envelope';
import { RefusalError } from '../errors/refusal.error';
import { toModuleError } from '../errors/to-module-error';
import { HostedModules } from '../module/hosted-modules';
import { HANDLER_METADATA, HandlerMetadata } from './handler-policy';
import { RefusalRecorder } from './refusal-recorder';

/**
 * Runs the handler inside the message's context (trace, actor, deadline), so logs, nested calls
 * and published events carry them. Afterwards it stamps for the audit log: every command's
 * outcome, and every 403 a handler decided itself (ownership checks), like the guard's refusals.
 */
@Injectable()
export class MessageContextInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AuditStamp');

  constructor(
    private readonly reflector: Reflector,
    private readonly hosted: HostedModules,
    private readonly refusals: RefusalRecorder,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const envelope = context.switchToRpc().getData<Envelope>();
    const handler = this.reflector.get<HandlerMetadata>(HANDLER_METADATA, context.getHandler());
    const messageContext: MessageContextData = {
      trace: parseTraceparent(envelope.meta.traceparent) ?? newTrace(),
      actor: envelope.meta.actor,
      module: ownerOf(handler.contract.pattern),
      deadline: envelope.meta.deadline,
    };
    return new Observable((subscriber) =>
      MessageContext.run(messageContext, () =>
        next
          .handle()
          .pipe(
            concatMap(async (value: unknown) => {
              await this.afterSuccess(handler, envelope);
              return value;
            }),
            catchError((error: unknown) =>
              from(this.afterFailure(handler, envelope, error)).pipe(concatMap(() => throwError(() => error))),
            ),
          )
          .subscribe(subscriber),
      ),
    );
  }

  private afterSuccess(handler: HandlerMetadata, envelope: Envelope): Promise<void> {
    return handler.contract.kind === 'command' ? this.stampCommand(envelope, 'ok') : Promise.resolve();
  }

  private async afterFailure(handler: HandlerMetadata, envelope: Envelope, error: unknown): Promise<void> {
    const body = toModuleError(error);
    if (handler.contract.kind === 'command') await this.stampCommand(envelope, 'error', body.code);
    if (body.status === 403) await this.refusals.record(envelope.meta.pattern, new RefusalError('not-permitted', body.message), envelope);
  }

  private async stampCommand(envelope: Envelope, outcome: 'ok' | 'error', errorCode?: string): Promise<void> {
    const owner = ownerOf(envelope.meta.pattern);
    const module = isModuleName(owner) ? this.hosted.get(owner) : undefined;
    if (!module) return;
    const { pattern, caller } = envelope.meta;
    try {
      await module.publisher.publishAlone(PlatformEvents.commandHandled, { pattern, outcome, caller, ...(errorCode ? { errorCode } : {}) });
    } catch (stampError) {
      this.logger.error(`could not stamp ${pattern}: ${(stampError as Error).message}`);
    }
  }
}
