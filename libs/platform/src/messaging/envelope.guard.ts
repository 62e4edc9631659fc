import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Envelope } from '../envelope/envelope';
import { envelopeShapeProblem } from '../envelope/envelope-shape';
import { EnvelopeSigner } from '../envelope/envelope-signer';
import { RefusalError } from '../errors/refusal.error';
import { HANDLER_METADATA, HandlerMetadata } from './handler-policy';
import { RefusalRecorder } from './refusal-recorder';
import { ReplayCache } from './replay-cache';

/**
 * A module's permission boundary: checks the envelope's shape, signature, pattern and deadline,
 * then the caller and the actor's roles against the handler's policy. Refusals are audited.
 */
@Injectable()
export class EnvelopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly signer: EnvelopeSigner,
    private readonly refusals: RefusalRecorder,
    private readonly replays: ReplayCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const handler = this.reflector.get<HandlerMetadata>(HANDLER_METADATA, context.getHandler());
    const message = context.switchToRpc().getData<unknown>();
    const refusal = this.refusalFor(message, handler);
    if (!refusal) return true;
    await this.refusals.record(handler.contract.pattern, refusal, message);
    throw refusal;
  }

  private refusalFor(message: unknown, handler: HandlerMetadata): RefusalError | undefined {
    const shapeProblem = envelopeShapeProblem(message);
    if (shapeProblem) return new RefusalError('bad-envelope', shapeProblem);
    const { meta } = message as Envelope;
    if (!this.signer.hasValidSignature(message as Envelope)) {
      return new RefusalError('bad-signature', `the signature of ${meta.pattern} from "${meta.caller}" does not match`);
    }
    if (meta.pattern !== handler.contract.pattern) {
      return new RefusalError('bad-envelope', `the envelope was signed for ${meta.pattern}, not ${handler.contract.pattern}`);
    }
    if (meta.deadline < Date.now()) return new RefusalError('deadline-expired', `the deadline of ${meta.pattern} has passed`);
    if (!this.replays.firstSighting(meta.messageId, meta.deadline)) {
      return new RefusalError('replayed', `message ${meta.messageId} was already received`);
    }
    if (!handler.callers.includes(meta.caller)) {
      return new RefusalError('caller-not-allowed', `"${meta.caller}" may not call ${meta.pattern}`);
    }
    return this.roleRefusal(handler, message as Envelope);
  }

  private roleRefusal(handler: HandlerMetadata, { meta }: Envelope): RefusalError | undefined {
    if (!handler.roles || handler.roles.length === 0) return undefined;
    const roles = meta.actor.kind === 'user' ? meta.actor.roles : [];
    if (handler.roles.some((role) => roles.includes(role))) return undefined;
    return new RefusalError('role-missing', `${meta.pattern} needs the role ${handler.roles.join(' or ')}`);
  }
}
