import { ALL_EVENTS } from '@app/contracts';
import { EventConsumer, HandlesEvent, ReceivedEvent } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { AuditChainKey } from '../chain/audit-chain-key';
import { appendToAuditLog } from './audit-log.appender';

/**
 * The audit module subscribes to every event, stamps included (commands handled, refusals).
 * The inbox hands each event over once; its entry is written in the inbox's transaction.
 */
@Injectable()
@EventConsumer('audit')
export class AuditRecorderConsumer {
  constructor(private readonly key: AuditChainKey) {}

  @HandlesEvent(ALL_EVENTS)
  async record(event: ReceivedEvent): Promise<void> {
    await appendToAuditLog(event.manager, this.key, event);
  }
}
