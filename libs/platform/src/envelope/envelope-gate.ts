import { isModuleName, ownerOf } from '@app/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { Topology } from '../config/topology';
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
import { SeenMessages } from './seen-messages';

/**
 * Where a message that came over a wire enters: what only bytes from outside need — shape, the
 * callee hosted here, the signature of caller → callee, the pattern it was signed for and that the
 * callee owns, replay — and then the same compiled handler an in-process call runs. Refusals are
 * audited like the handler's own.
 */
@Injectable()
export class EnvelopeGate {
  private readonly hostedModules: ReadonlySet<string>;

  constructor(
    @Inject(Topology) topology: Topology,
    private readonly signer: EnvelopeSigner,
    private readonly replays: ReplayCache,
    private readonly seen: SeenMessages,
    private readonly refusals: RefusalRecorder,
    private readonly handlers: HandlerTable,
    private readonly drain: Drain,
  ) {
    this.hostedModules = new Set(topology.hostedModules);
  }

  /** Patterns this process answers; a transport server registers exactly these. */
  patterns(): string[] {
    return this.handlers.entries().map(([pattern]) => pattern);
  }

  /** Once this process drains, a new message is refused with a retryable MODULE_DRAINING (ADR 0017). */
  async receive(pattern: string, message: unknown): Promise<unknown> {
    assertMessageDepth(message); // before anything recursive (shape, signature, audit) reads it
    if (this.drain.isDraining) throw this.drain.drainingError();
    const handler = this.handlers.get(pattern);
    const refusal = handler ? await this.refusalFor(pattern, message) : new RefusalError('bad-envelope', `nothing here answers ${pattern}`);
    if (refusal) {
      await this.refusals.record(pattern, refusal, (message as Partial<Envelope> | undefined)?.meta);
      throw new ModuleCallError(toModuleError(refusal));
    }
    const { meta, payload } = message as Envelope;
    return handler!(meta, payload);
  }

  private async refusalFor(pattern: string, message: unknown): Promise<RefusalError | undefined> {
    const shapeProblem = envelopeShapeProblem(message);
    if (shapeProblem) return new RefusalError('bad-envelope', shapeProblem);
    const envelope = message as Envelope;
    const { meta } = envelope;
    if (!this.hostedModules.has(meta.callee)) return new RefusalError('bad-envelope', `${meta.callee} does not run in this process`);
    if (!this.signer.hasValidSignature(envelope)) {
      return new RefusalError('bad-signature', `the signature of ${meta.pattern} from "${meta.caller}" to ${meta.callee} does not match`);
    }
    if (meta.pattern !== pattern) return new RefusalError('bad-envelope', `the envelope was signed for ${meta.pattern}, not ${pattern}`);
    const owner = ownerOf(pattern);
    if (isModuleName(owner) && owner !== meta.callee)
      return new RefusalError('bad-envelope', `${pattern} belongs to ${owner}, not ${meta.callee}`);
    return this.replayRefusal(envelope);
  }

  /**
   * Every message is checked against the memory of this process first; a command (it changes
   * state) also against the callee's database, which outlives a restart (ADR 0023). A query replayed
   * after a restart changes nothing, and its deadline bounds how long it could be.
   */
  private async replayRefusal({ meta }: Envelope): Promise<RefusalError | undefined> {
    if (meta.deadline < Date.now()) return undefined; // the pipeline refuses it as expired
    const replayed = () => new RefusalError('replayed', `message ${meta.messageId} was already received`);
    if (!this.replays.firstSighting(meta.messageId, meta.deadline)) return replayed();
    if (!this.handlers.isCommand(meta.pattern)) return undefined;
    return (await this.seen.firstSighting(meta.callee, meta.messageId, meta.deadline)) ? undefined : replayed();
  }
}
