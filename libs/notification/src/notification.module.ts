import { ModuleKernel } from '@app/platform';
import { Module } from '@nestjs/common';
import { notificationChannelProvider } from './channels/notification-channel.provider';
import { NotificationEventsConsumer } from './consume-events/notification-events.consumer';
import { NOTIFICATION_ENTITIES, NOTIFICATION_MIGRATIONS } from './database/notification-schema';
import { DispatchPass } from './dispatch/dispatch-pass';
import { NotificationDispatcher } from './dispatch/notification-dispatcher';
import { ListDeadLettersHandler } from './list-dead-letters/list-dead-letters.handler';
import { ListDeadLettersService } from './list-dead-letters/list-dead-letters.service';
import { ListNotificationsHandler } from './list-notifications/list-notifications.handler';
import { ListNotificationsService } from './list-notifications/list-notifications.service';
import { notificationConfigProvider } from './notification.config';

/**
 * Tells users what happened to them: welcome, receipt, failed payment, refund. Written to by
 * events only; read through NotificationContract (`notification.*` patterns). Its only public face.
 */
@Module({
  imports: [ModuleKernel.forModule({ module: 'notification', entities: NOTIFICATION_ENTITIES, migrations: NOTIFICATION_MIGRATIONS })],
  controllers: [ListNotificationsHandler, ListDeadLettersHandler],
  providers: [
    notificationConfigProvider,
    notificationChannelProvider,
    NotificationEventsConsumer,
    DispatchPass,
    NotificationDispatcher,
    ListNotificationsService,
    ListDeadLettersService,
  ],
})
export class NotificationModule {}
