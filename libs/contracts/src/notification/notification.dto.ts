import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ListNotificationsRequest {}

export class ListDeadLettersRequest {}

/**
 * `sending`: claimed by the dispatcher, on its way. `cancelled`: never to be sent, because the
 * signup it belongs to was undone (reason in `lastError`).
 */
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled';
export type NotificationKind = 'welcome' | 'receipt' | 'payment-failed' | 'refund' | 'signup-cancelled';

export class NotificationView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The event that caused it' }) eventId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: ['welcome', 'receipt', 'payment-failed', 'refund', 'signup-cancelled'] }) kind!: NotificationKind;
  @ApiProperty({ enum: ['smtp', 'stored'] }) channel!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ enum: ['pending', 'sending', 'sent', 'failed', 'dead', 'cancelled'] }) status!: NotificationStatus;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional() lastError?: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() sentAt?: string;
}

export class NotificationList {
  @ApiProperty({ type: [NotificationView] }) notifications!: NotificationView[];
}
