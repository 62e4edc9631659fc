import { GATEWAY, ListNotificationsRequest, NotificationContract, NotificationList, UserActor } from '@app/contracts';
import { Handles, MessageBody, SignedInUser } from '@app/platform';
import { Controller } from '@nestjs/common';
import { ListNotificationsService } from './list-notifications.service';

/** `notification.messages.list.v1`: an empty payload; whose notifications is the envelope's signed-in user. */
@Controller()
export class ListNotificationsHandler {
  constructor(private readonly notifications: ListNotificationsService) {}

  @Handles(NotificationContract.listOwn, { callers: [GATEWAY] })
  listOwn(@MessageBody() _request: ListNotificationsRequest, @SignedInUser() user: UserActor): Promise<NotificationList> {
    return this.notifications.listOwn(user);
  }
}
