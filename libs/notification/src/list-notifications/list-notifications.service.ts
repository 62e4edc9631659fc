import { NotificationList, UserActor } from '@app/contracts';
import { ModuleDatabase } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { Notification } from '../database/notification.entity';
import { LIST_LIMIT } from '../notification.constants';
import { toNotificationView } from '../notifications/notification-view.mapper';

/** The acting user's own notifications, newest first, whatever their status. */
@Injectable()
export class ListNotificationsService {
  constructor(private readonly db: ModuleDatabase) {}

  async listOwn(actor: UserActor): Promise<NotificationList> {
    const rows = await this.db.read((manager) =>
      manager.find(Notification, { where: { userId: actor.id }, order: { createdAt: 'DESC' }, take: LIST_LIMIT }),
    );
    return { notifications: rows.map(toNotificationView) };
  }
}
