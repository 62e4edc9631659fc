import { EventBatch, EventBatchReceipt, MODULE_NAMES, PlatformContract } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { EnvelopeMeta } from '../envelope/envelope';
import { Handles } from '../messaging/handles.decorator';
import { MessageBody, MessageMeta } from '../messaging/message-params.decorators';
import { EventInbox } from './event-inbox';

/** Where outbox relays of every process deliver batches of events for the modules hosted here. */
@Controller()
export class EventDeliveryController {
  constructor(private readonly inbox: EventInbox) {}

  @Handles(PlatformContract.deliverEvents, { callers: MODULE_NAMES })
  deliver(@MessageBody() batch: EventBatch, @MessageMeta() meta: EnvelopeMeta): Promise<EventBatchReceipt> {
    return this.inbox.receive(batch, meta);
  }
}
