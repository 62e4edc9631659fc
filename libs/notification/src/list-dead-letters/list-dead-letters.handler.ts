import { GATEWAY, ListDeadLettersRequest, NotificationContract, NotificationList } from '@app/contracts';
import { Handles, MessageBody } from '@app/platform';
import { Controller } from '@nestjs/common';
import { ADMIN_ROLE } from '../notification.constants';
import { ListDeadLettersService } from './list-dead-letters.service';

/** `notification.dead-letter.list.v1`: for admins, through the gateway. */
@Controller()
export class ListDeadLettersHandler {
  constructor(private readonly deadLetters: ListDeadLettersService) {}

  @Handles(NotificationContract.listDeadLetters, { callers: [GATEWAY], roles: [ADMIN_ROLE] })
  list(@MessageBody() _request: ListDeadLettersRequest): Promise<NotificationList> {
    return this.deadLetters.list();
  }
}
