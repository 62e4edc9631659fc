import { DeliveryReceipt, EventDelivery, MODULE_NAMES, PlatformContract } from '@app/contracts';
import { Controller } from '@nestjs/common';
import { EnvelopeMeta } from '../envelope/envelope';
import { Handles } from '../messaging/handles.decorator';
import { MessageBody, MessageMeta } from '../messaging/message-params.decorators';
import { EventInbox } from './event-inbox';

/** Where outbox relays of every process deliver events for the modules hosted here. */
@Controller()
export class EventDeliveryController {
  constructor(private readonly inbox: EventInbox) {}

  @Handles(PlatformContract.deliverEvent, { callers: MODULE_NAMES })
  deliver(@MessageBody() delivery: EventDelivery, @MessageMeta() meta: EnvelopeMeta): Promise<DeliveryReceipt> {
    return this.inbox.receive(delivery, meta);
  }
}
