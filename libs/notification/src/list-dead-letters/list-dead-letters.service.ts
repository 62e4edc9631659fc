import { NotificationList } from '@app/contracts';
import { ModuleDatabase } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { Notification } from '../database/notification.entity';
import { LIST_LIMIT } from '../notification.constants';
import { toNotificationView } from '../notifications/notification-view.mapper';

/** Every user's notifications that were given up on (`dead`), newest first. */
@Injectable()
export class ListDeadLettersService {
  constructor(private readonly db: ModuleDatabase) {}

  async list(): Promise<NotificationList> {
    const rows = await this.db.read((manager) =>
      manager.find(Notification, { where: { status: 'dead' }, order: { createdAt: 'DESC' }, take: LIST_LIMIT }),
    );
    return { notifications: rows.map(toNotificationView) };
  }
}
