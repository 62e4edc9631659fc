import { Actor, GATEWAY, ListNotificationsRequest, NotificationContract, NotificationList } from '@app/contracts';
import { Handles, MessageActor, MessageBody } from '@app/platform';
import { Controller } from '@nestjs/common';
import { ListNotificationsService } from './list-notifications.service';

/** `notification.messages.list.v1`: an empty payload; whose notifications comes from the envelope's actor. */
@Controller()
export class ListNotificationsHandler {
  constructor(private readonly notifications: ListNotificationsService) {}

  @Handles(NotificationContract.listOwn, { callers: [GATEWAY] })
  listOwn(@MessageBody() _request: ListNotificationsRequest, @MessageActor() actor: Actor): Promise<NotificationList> {
    return this.notifications.listOwn(actor);
  }
}
