import { Actor, CallerName, isModuleErrorBody, SYSTEM_ACTOR } from '@app/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { MessageContext } from '../context/message-context';
import { childOf, formatTraceparent, newTrace } from '../context/trace-context';
import { EnvelopeMeta } from '../envelope/envelope';
import { EnvelopeSigner } from '../envelope/envelope-signer';
import { ModuleCallError } from '../errors/module-call.error';
import { ProcessClients } from '../transport/process-clients';

export interface SendOptions {
  /** Defaults to the actor of the work in progress, or `system`. */
  actor?: Actor;
  timeoutMs?: number;
}

/**
 * Puts a payload in a signed envelope and sends it to a process, whatever the transport.
 * The envelope inherits the trace, actor and deadline of the work in progress.
 */
@Injectable()
export class MessageSender {
  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly clients: ProcessClients,
    private readonly signer: EnvelopeSigner,
  ) {}

  async send<TResponse>(
    processName: string,
    pattern: string,
    payload: object,
    caller: CallerName,
    options: SendOptions = {},
  ): Promise<TResponse> {
    const meta = this.metaFor(pattern, caller, options);
    const envelope = this.signer.seal(meta, JSON.parse(JSON.stringify(payload)) as unknown);
    const waitMs = Math.max(0, meta.deadline - Date.now());
    const reply$ = this.clients.forProcess(processName).send<TResponse>(pattern, envelope);
    try {
      return await firstValueFrom(reply$.pipe(timeout({ first: waitMs })));
    } catch (error) {
      throw this.asModuleCallError(error, processName, pattern, waitMs);
    }
  }

  private metaFor(pattern: string, caller: CallerName, options: SendOptions): EnvelopeMeta {
    const current = MessageContext.current();
    const now = Date.now();
    const ownDeadline = now + (options.timeoutMs ?? this.config.callTimeoutMs);
    return {
      messageId: randomUUID(),
      pattern,
      traceparent: formatTraceparent(current ? childOf(current.trace) : newTrace()),
      caller,
      actor: options.actor ?? current?.actor ?? SYSTEM_ACTOR,
      issuedAt: now,
      deadline: Math.min(ownDeadline, current?.deadline ?? ownDeadline),
    };
  }

  private asModuleCallError(error: unknown, processName: string, pattern: string, waitMs: number): ModuleCallError {
    if (error instanceof TimeoutError) return ModuleCallError.deadlineExceeded(pattern, waitMs);
    if (isModuleErrorBody(error)) return new ModuleCallError(error);
    const reason = typeof error === 'string' ? error : ((error as Error)?.message ?? 'unknown error');
    return ModuleCallError.unavailable(`process "${processName}"`, reason);
  }
}
