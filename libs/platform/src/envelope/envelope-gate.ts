import { Injectable } from '@nestjs/common';
import { ModuleCallError } from '../errors/module-call.error';
import { RefusalError } from '../errors/refusal.error';
import { toModuleError } from '../errors/to-module-error';
import { Drain } from '../lifecycle/drain';
import { HandlerTable } from '../messaging/handler-table';
import { RefusalRecorder } from '../messaging/refusal-recorder';
import { Envelope } from './envelope';
import { envelopeShapeProblem } from './envelope-shape';
import { assertMessageDepth } from './message-depth';
import { EnvelopeSigner } from './envelope-signer';
import { ReplayCache } from './replay-cache';

/**
 * Where a message that came over a wire enters: what only bytes from outside need — shape,
 * signature, the pattern it was signed for, replay — and then the same compiled handler an
 * in-process call runs. Refusals are audited like the handler's own.
 */
@Injectable()
export class EnvelopeGate {
  constructor(
    private readonly signer: EnvelopeSigner,
    private readonly replays: ReplayCache,
    private readonly refusals: RefusalRecorder,
    private readonly handlers: HandlerTable,
    private readonly drain: Drain,
  ) {}

  /** Patterns this process answers; a transport server registers exactly these. */
  patterns(): string[] {
    return this.handlers.entries().map(([pattern]) => pattern);
  }

  /** Once this process drains, a new message is refused with a retryable MODULE_DRAINING (ADR 0017). */
  async receive(pattern: string, message: unknown): Promise<unknown> {
    assertMessageDepth(message); // before anything recursive (shape, signature, audit) reads it
    if (this.drain.isDraining) throw this.drain.drainingError();
    const handler = this.handlers.get(pattern);
    const refusal = handler ? this.refusalFor(pattern, message) : new RefusalError('bad-envelope', `nothing here answers ${pattern}`);
    if (refusal) {
      await this.refusals.record(pattern, refusal, (message as Partial<Envelope> | undefined)?.meta);
      throw new ModuleCallError(toModuleError(refusal));
    }
    const { meta, payload } = message as Envelope;
    return handler!(meta, payload);
  }

  private refusalFor(pattern: string, message: unknown): RefusalError | undefined {
    const shapeProblem = envelopeShapeProblem(message);
    if (shapeProblem) return new RefusalError('bad-envelope', shapeProblem);
    const envelope = message as Envelope;
    const { meta } = envelope;
    if (!this.signer.hasValidSignature(envelope)) {
      return new RefusalError('bad-signature', `the signature of ${meta.pattern} from "${meta.caller}" does not match`);
    }
    if (meta.pattern !== pattern) return new RefusalError('bad-envelope', `the envelope was signed for ${meta.pattern}, not ${pattern}`);
    if (meta.deadline >= Date.now() && !this.replays.firstSighting(meta.messageId, meta.deadline)) {
      return new RefusalError('replayed', `message ${meta.messageId} was already received`);
    }
    return undefined;
  }
}
