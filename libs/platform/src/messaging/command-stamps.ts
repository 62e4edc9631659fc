import { isModuleName, ownerOf, PlatformEvents } from '@app/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { EnvelopeMeta } from '../envelope/envelope';
import { HostedPublishers } from '../events/hosted-publishers';

/**
 * The audit stamp of every command: `platform.command.handled.v1` with its outcome, written to the
 * outbox of the module that handled it. A stamp that cannot be written is logged, never thrown.
 */
@Injectable()
export class CommandStamps {
  private readonly logger = new Logger('AuditStamp');

  constructor(private readonly hosted: HostedPublishers) {}

  async handled(meta: EnvelopeMeta, outcome: 'ok' | 'error', errorCode?: string): Promise<void> {
    const owner = ownerOf(meta.pattern);
    const module = isModuleName(owner) ? this.hosted.get(owner) : undefined;
    if (!module) return;
    const { pattern, caller } = meta;
    try {
      await module.publisher.publishAlone(PlatformEvents.commandHandled, { pattern, outcome, caller, ...(errorCode ? { errorCode } : {}) });
    } catch (stampError) {
      this.logger.error(`could not stamp ${pattern}: ${(stampError as Error).message}`);
    }
  }
}
