import { ContractBus } from '../shared';
import { NotificationContract } from './notification.contract';
import { NotificationList } from './notification.dto';

export class NotificationClient {
  constructor(private readonly bus: ContractBus) {}

  listOwn(): Promise<NotificationList> {
    return this.bus.call(NotificationContract.listOwn, {});
  }

  listDeadLetters(): Promise<NotificationList> {
    return this.bus.call(NotificationContract.listDeadLetters, {});
  }
}
