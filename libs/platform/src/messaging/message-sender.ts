import { Actor, CallerName, isModuleErrorBody, ModuleName, SYSTEM_ACTOR } from '@app/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { MessageContext } from '../context/message-context';
import { formatTraceparent, TraceContext } from '../context/trace-context';
import { EnvelopeMeta } from '../envelope/envelope';
import { ModuleCallError } from '../errors/module-call.error';
import { CallSpans } from '../tracing/call-span';
import { Tracing } from '../tracing/tracing';
import { ModuleClients } from '../transport/module-clients';

export interface SendOptions {
  /** Defaults to the actor of the work in progress, or `system`. */
  actor?: Actor;
  /** The trace the call belongs to, its span's parent. Defaults to the work in progress, or a new trace. */
  trace?: TraceContext;
  timeoutMs?: number;
}

/**
 * Sends a payload to a module, wherever the topology runs it and whatever the transport, with the
 * meta every message carries: trace, caller, callee, actor and deadline, inherited from the work in
 * progress unless `options` names them (work that runs outside any, like the relay, does).
 */
@Injectable()
export class MessageSender {
  private readonly callSpans: CallSpans;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly clients: ModuleClients,
    tracing: Tracing,
  ) {
    this.callSpans = new CallSpans(tracing);
  }

  async send<TResponse>(
    callee: ModuleName,
    pattern: string,
    payload: object,
    caller: CallerName,
    options: SendOptions = {},
  ): Promise<TResponse> {
    const span = this.callSpans.start(pattern, caller, callee, options.trace ?? MessageContext.current()?.trace);
    const meta = this.metaFor(pattern, caller, callee, options, span.trace);
    const waitMs = Math.max(0, meta.deadline - meta.issuedAt);
    try {
      const answer = (await this.clients.forModule(callee).call(meta, payload, waitMs)) as TResponse;
      span.end();
      return answer;
    } catch (error) {
      const failure = this.asModuleCallError(error, callee);
      span.fail(failure);
      throw failure;
    }
  }

  /** `trace` is the call's span: the envelope's `traceparent` names it as the handler's parent. */
  private metaFor(pattern: string, caller: CallerName, callee: ModuleName, options: SendOptions, trace: TraceContext): EnvelopeMeta {
    const current = MessageContext.current();
    const now = Date.now();
    const ownDeadline = now + (options.timeoutMs ?? this.config.callTimeoutMs);
    return {
      messageId: randomUUID(),
      pattern,
      traceparent: formatTraceparent(trace),
      caller,
      callee,
      actor: options.actor ?? current?.actor ?? SYSTEM_ACTOR,
      issuedAt: now,
      deadline: Math.min(ownDeadline, current?.deadline ?? ownDeadline),
    };
  }

  private asModuleCallError(error: unknown, callee: ModuleName): ModuleCallError {
    if (error instanceof ModuleCallError) return error;
    if (isModuleErrorBody(error)) return new ModuleCallError(error);
    const reason = typeof error === 'string' ? error : ((error as Error)?.message ?? 'unknown error');
    return ModuleCallError.unavailable(`module "${callee}"`, reason);
  }
}
