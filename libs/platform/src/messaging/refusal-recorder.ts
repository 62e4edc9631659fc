import { ANONYMOUS_ACTOR, isModuleName, ownerOf, PlatformEvents } from '@app/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { MessageContext } from '../context/message-context';
import { newTrace, parseTraceparent } from '../context/trace-context';
import { isEnvelope } from '../envelope/envelope-shape';
import { RefusalError } from '../errors/refusal.error';
import { HostedModules } from '../module/hosted-modules';

/**
 * Stamps a refusal into the audit log: a `platform.message.refused.v1` event written to the
 * outbox of the refusing module (or of any module of this process for kernel patterns).
 */
@Injectable()
export class RefusalRecorder {
  private readonly logger = new Logger('Refusal');

  constructor(private readonly hosted: HostedModules) {}

  async record(pattern: string, refusal: RefusalError, message: unknown): Promise<void> {
    const owner = ownerOf(pattern);
    const module = (isModuleName(owner) && this.hosted.get(owner)) || this.hosted.all()[0];
    const meta = isEnvelope(message) ? message.meta : undefined;
    const claimedCaller = typeof meta?.caller === 'string' ? meta.caller : 'unknown';
    this.logger.warn(`refused ${pattern} from "${claimedCaller}": ${refusal.message}`);
    if (!module) return;
    const context = {
      trace: parseTraceparent(meta?.traceparent) ?? newTrace(),
      actor: (refusal.reason !== 'bad-signature' && meta?.actor) || ANONYMOUS_ACTOR,
      module: module.name,
    };
    await MessageContext.run(context, () =>
      module.publisher.publishAlone(PlatformEvents.messageRefused, {
        pattern,
        reason: refusal.reason,
        claimedCaller: claimedCaller.slice(0, 200),
        detail: refusal.message.slice(0, 500),
      }),
    );
  }
}
