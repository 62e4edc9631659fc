import { ownerOf } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { Drain } from '../lifecycle/drain';
import { Metrics } from '../metrics/metrics';
import { MessageContext, MessageContextData } from '../context/message-context';
import { parseTraceparent } from '../context/trace-context';
import { EnvelopeMeta } from '../envelope/envelope';
import { ModuleCallError } from '../errors/module-call.error';
import { RefusalError } from '../errors/refusal.error';
import { toModuleError } from '../errors/to-module-error';
import { CommandStamps } from './command-stamps';
import { CompiledHandler } from './compiled-handler';
import { HandlerMetadata } from './handler-policy';
import { outcomeRecorder } from './message-outcomes';
import { MessageParam } from './message-params.decorators';
import { payloadValidator } from './payload-validator';
import { policyRefusal } from './policy-refusal';
import { RefusalRecorder } from './refusal-recorder';
import { handlerSpans } from '../tracing/handler-span';
import { KernelSpan } from '../tracing/kernel-span';
import { Tracing } from '../tracing/tracing';

/** A `@Handles` method as found at start: its policy, its instance and how to fill its parameters. */
export interface HandlerMethod {
  metadata: HandlerMetadata;
  invoke: (args: unknown[]) => unknown;
  params: MessageParam[];
}

export interface PipelineServices {
  /** `PlatformConfig.maxDeadlineMs`: the furthest deadline a message may carry. */
  maxDeadlineMs: number;
  refusals: RefusalRecorder;
  stamps: CommandStamps;
  logger: Logger;
  drain: Drain;
  metrics: Metrics;
  tracing: Tracing;
}

function argumentsFor(params: MessageParam[], body: object, meta: EnvelopeMeta): unknown[] {
  return params.map((kind) => (kind === 'body' ? body : kind === 'actor' || kind === 'user' ? meta.actor : meta));
}

/**
 * Builds the one function that serves a handler's messages in every topology. Every message it
 * serves counts as work in flight for the graceful drain (ADR 0017).
 */
export function compileHandler({ metadata, invoke, params }: HandlerMethod, services: PipelineServices): CompiledHandler {
  const { pattern, kind } = metadata.contract;
  const validate = payloadValidator(metadata.contract.request);
  const module = ownerOf(pattern);
  const stampsCommands = kind === 'command';
  const actsForAUser = params.includes('user');
  const recordOutcome = outcomeRecorder(pattern, services.metrics, services.logger);
  const startSpan = handlerSpans(services.tracing, pattern, module);

  const fail = async (meta: EnvelopeMeta, startedAt: number, error: unknown, span: KernelSpan): Promise<never> => {
    const body = toModuleError(error);
    recordOutcome(meta, startedAt, body.code);
    if (body.code === 'INTERNAL') services.logger.error(`unhandled error in ${pattern}`, (error as Error)?.stack);
    if (stampsCommands) await services.stamps.handled(meta, 'error', body.code);
    if (body.status === 403) await services.refusals.record(pattern, new RefusalError('not-permitted', body.message), meta);
    span.fail(body);
    throw new ModuleCallError(body);
  };

  const run = async (meta: EnvelopeMeta, payload: unknown, span: KernelSpan): Promise<unknown> => {
    const startedAt = performance.now();
    try {
      if (actsForAUser && meta.actor.kind !== 'user') throw ModuleCallError.authenticationRequired(pattern);
      const result = await invoke(argumentsFor(params, validate(payload), meta));
      if (stampsCommands) await services.stamps.handled(meta, 'ok');
      recordOutcome(meta, startedAt, 'ok');
      span.end();
      return result;
    } catch (error) {
      return fail(meta, startedAt, error, span);
    }
  };

  // One span per message served, refusals included: child of the caller's call span (the envelope's traceparent).
  return async (meta, payload) => {
    const span = startSpan(meta.caller, parseTraceparent(meta.traceparent));
    const refusal = policyRefusal(metadata, meta, services.maxDeadlineMs);
    if (refusal) {
      await services.refusals.record(pattern, refusal, meta);
      const refused = new ModuleCallError(toModuleError(refusal));
      span.fail(refused);
      throw refused;
    }
    const context: MessageContextData = { trace: span.trace, actor: meta.actor, module, deadline: meta.deadline };
    return services.drain.track(() => MessageContext.run(context, () => run(meta, payload, span)));
  };
}
