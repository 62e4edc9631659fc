import { ANONYMOUS_ACTOR, isModuleName, ownerOf, PlatformEvents } from '@app/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { MessageContext } from '../context/message-context';
import { newTrace, parseTraceparent } from '../context/trace-context';
import { RefusalError } from '../errors/refusal.error';
import { HostedModules } from '../module/hosted-modules';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Stamps a refusal into the audit log: a `platform.message.refused.v1` event written to the
 * outbox of the refusing module (or of any module of this process for kernel patterns).
 * `claimedMeta` is whatever the sender put in the envelope's meta: it is only trusted as a claim.
 */
@Injectable()
export class RefusalRecorder {
  private readonly logger = new Logger('Refusal');

  constructor(private readonly hosted: HostedModules) {}

  async record(pattern: string, refusal: RefusalError, claimedMeta: unknown): Promise<void> {
    const owner = ownerOf(pattern);
    const module = (isModuleName(owner) && this.hosted.get(owner)) || this.hosted.all()[0];
    const meta = isRecord(claimedMeta) ? claimedMeta : {};
    const claimedCaller = typeof meta.caller === 'string' ? meta.caller : 'unknown';
    this.logger.warn(`refused ${pattern} from "${claimedCaller.slice(0, 200)}": ${refusal.message}`);
    if (!module) return;
    const trustsActor = refusal.reason !== 'bad-signature' && refusal.reason !== 'bad-envelope';
    const context = {
      trace: parseTraceparent(typeof meta.traceparent === 'string' ? meta.traceparent : undefined) ?? newTrace(),
      actor: trustsActor && isRecord(meta.actor) ? (meta.actor as never) : ANONYMOUS_ACTOR,
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
