import { ownerOf } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { Drain } from '../lifecycle/drain';
import { Metrics } from '../metrics/metrics';
import { MessageContext, MessageContextData } from '../context/message-context';
import { newTrace, parseTraceparent } from '../context/trace-context';
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

  const fail = async (meta: EnvelopeMeta, startedAt: number, error: unknown): Promise<never> => {
    const body = toModuleError(error);
    recordOutcome(meta, startedAt, body.code);
    if (body.code === 'INTERNAL') services.logger.error(`unhandled error in ${pattern}`, (error as Error)?.stack);
    if (stampsCommands) await services.stamps.handled(meta, 'error', body.code);
    if (body.status === 403) await services.refusals.record(pattern, new RefusalError('not-permitted', body.message), meta);
    throw new ModuleCallError(body);
  };

  const run = async (meta: EnvelopeMeta, payload: unknown): Promise<unknown> => {
    const startedAt = performance.now();
    try {
      if (actsForAUser && meta.actor.kind !== 'user') throw ModuleCallError.authenticationRequired(pattern);
      const result = await invoke(argumentsFor(params, validate(payload), meta));
      if (stampsCommands) await services.stamps.handled(meta, 'ok');
      recordOutcome(meta, startedAt, 'ok');
      return result;
    } catch (error) {
      return fail(meta, startedAt, error);
    }
  };

  return async (meta, payload) => {
    const refusal = policyRefusal(metadata, meta, services.maxDeadlineMs);
    if (refusal) {
      await services.refusals.record(pattern, refusal, meta);
      throw new ModuleCallError(toModuleError(refusal));
    }
    const context: MessageContextData = {
      trace: parseTraceparent(meta.traceparent) ?? newTrace(),
      actor: meta.actor,
      module,
      deadline: meta.deadline,
    };
    return services.drain.track(() => MessageContext.run(context, () => run(meta, payload)));
  };
}
