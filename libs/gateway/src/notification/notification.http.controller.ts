import { NotificationClient, NotificationList } from '@app/contracts';
import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedGuard } from '../http/authenticated.guard';

@ApiTags('notifications')
@ApiBearerAuth()
@UseGuards(AuthenticatedGuard)
@Controller('notifications')
export class NotificationHttpController {
  constructor(private readonly notifications: NotificationClient) {}

  @Get()
  @ApiOperation({ summary: 'Your notifications, newest first' })
  @ApiResponse({ status: 200, type: NotificationList })
  own(): Promise<NotificationList> {
    return this.notifications.listOwn();
  }

  @Get('dead-letter')
  @ApiOperation({ summary: 'Notifications that could not be delivered after every retry (admin)' })
  @ApiResponse({ status: 200, type: NotificationList })
  deadLetters(): Promise<NotificationList> {
    return this.notifications.listDeadLetters();
  }
}
