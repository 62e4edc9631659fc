import { isModuleName, ownerOf } from '@app/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { Topology } from '../config/topology';
import { ModuleCallError } from '../errors/module-call.error';
import { RefusalError } from '../errors/refusal.error';
import { toModuleError } from '../errors/to-module-error';
import { Drain } from '../lifecycle/drain';
import { HandlerTable } from '../messaging/handler-table';
import { RefusalRecorder } from '../messaging/refusal-recorder';
import { Envelope, EnvelopeMeta } from './envelope';
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
    let refusal = handler ? this.refusalFor(pattern, message) : new RefusalError('bad-envelope', `nothing here answers ${pattern}`);
    if (!refusal && this.handlers.isCommand(pattern)) refusal = await this.persistedReplayRefusal(message as Envelope);
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
    if (!this.hostedModules.has(meta.callee)) return new RefusalError('bad-envelope', `${meta.callee} does not run in this process`);
    if (!this.signer.hasValidSignature(envelope)) {
      return new RefusalError('bad-signature', `the signature of ${meta.pattern} from "${meta.caller}" to ${meta.callee} does not match`);
    }
    if (meta.pattern !== pattern) return new RefusalError('bad-envelope', `the envelope was signed for ${meta.pattern}, not ${pattern}`);
    const owner = ownerOf(pattern);
    if (isModuleName(owner) && owner !== meta.callee)
      return new RefusalError('bad-envelope', `${pattern} belongs to ${owner}, not ${meta.callee}`);
    // Every message is checked against the memory of this process first (ADR 0014).
    if (meta.deadline >= Date.now() && !this.replays.firstSighting(meta.messageId, meta.deadline)) return replayed(meta);
    return undefined;
  }

  /**
   * A command (it changes state) is also checked against the callee's database, which outlives a
   * restart and is shared by replicas (ADR 0023). A query replayed after a restart changes nothing,
   * and its deadline bounds how long it could be.
   */
  private async persistedReplayRefusal({ meta }: Envelope): Promise<RefusalError | undefined> {
    if (meta.deadline < Date.now()) return undefined; // the pipeline refuses it as expired
    return (await this.seen.firstSighting(meta.callee, meta.messageId, meta.deadline)) ? undefined : replayed(meta);
  }
}

const replayed = (meta: EnvelopeMeta) => new RefusalError('replayed', `message ${meta.messageId} was already received`);
