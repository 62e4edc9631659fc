import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ListNotificationsRequest {}

export class ListDeadLettersRequest {}

export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'dead';
export type NotificationKind = 'welcome' | 'receipt' | 'payment-failed' | 'refund';

export class NotificationView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The event that caused it' }) eventId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: ['welcome', 'receipt', 'payment-failed', 'refund'] }) kind!: NotificationKind;
  @ApiProperty({ enum: ['smtp', 'stored'] }) channel!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ enum: ['pending', 'sent', 'failed', 'dead'] }) status!: NotificationStatus;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional() lastError?: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() sentAt?: string;
}

export class NotificationList {
  @ApiProperty({ type: [NotificationView] }) notifications!: NotificationView[];
}
