import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** Stripe-style idempotency key: any printable string up to 255 characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export class ListPlansRequest {}

export class PlanView {
  @ApiProperty({ example: 'basic-monthly' }) id!: string;
  @ApiProperty({ example: 'Basic' }) name!: string;
  @ApiProperty({ description: 'Price in minor units (cents)', example: 900 }) amountMinor!: number;
  @ApiProperty({ description: 'ISO 4217', example: 'EUR' }) currency!: string;
  @ApiProperty({ enum: ['month', 'year'] }) interval!: 'month' | 'year';
}

export class PlanList {
  @ApiProperty({ type: [PlanView] }) plans!: PlanView[];
}

export class CreateSubscriptionRequest {
  @ApiProperty({ example: 'basic-monthly' })
  @IsString()
  @MaxLength(64)
  planId!: string;

  @ApiProperty({
    description: 'Token from the payment provider; the simulator knows tok_ok, tok_declined, tok_insufficient_funds, tok_slow',
    example: 'tok_ok',
  })
  @IsString()
  @MaxLength(128)
  paymentToken!: string;

  @ApiPropertyOptional({ description: 'Taken from the Idempotency-Key header by the gateway' })
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY, { message: 'idempotencyKey must be 1 to 255 printable ASCII characters' })
  idempotencyKey?: string;
}

export class ListSubscriptionsRequest {}

export class CancelSubscriptionRequest {
  @ApiProperty() @IsUUID() subscriptionId!: string;
}

export class ListInvoicesRequest {
  @ApiPropertyOptional({ description: "Admins may read another user's invoices; users only their own" })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class RefundInvoiceRequest {
  @ApiProperty() @IsUUID() invoiceId!: string;

  @ApiPropertyOptional({ description: 'Taken from the Idempotency-Key header by the gateway' })
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY, { message: 'idempotencyKey must be 1 to 255 printable ASCII characters' })
  idempotencyKey?: string;
}

/**
 * `open` (being charged) → `paid` | `void`, or `abandoned` (nobody will keep this charge; it is
 * being undone) → `void`; `paid` → `refunding` (claimed by one refund) → `refunded`, or back to `paid`.
 */
export type InvoiceStatus = 'open' | 'abandoned' | 'paid' | 'void' | 'refunding' | 'refunded';
export type SubscriptionStatus = 'active' | 'payment_failed' | 'cancelled' | 'ended';

export class InvoiceView {
  @ApiProperty() id!: string;
  @ApiProperty() subscriptionId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() amountMinor!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: ['open', 'abandoned', 'paid', 'void', 'refunding', 'refunded'] }) status!: InvoiceStatus;
  @ApiPropertyOptional() failureReason?: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() paidAt?: string;
  @ApiPropertyOptional() refundedAt?: string;
}

export class SubscriptionView {
  @ApiProperty() id!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() planId!: string;
  @ApiProperty({ enum: ['active', 'payment_failed', 'cancelled', 'ended'] }) status!: SubscriptionStatus;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() endedAt?: string;
  @ApiProperty({ type: InvoiceView }) latestInvoice!: InvoiceView;
}

export class SubscriptionList {
  @ApiProperty({ type: [SubscriptionView] }) subscriptions!: SubscriptionView[];
}

export class InvoiceList {
  @ApiProperty({ type: [InvoiceView] }) invoices!: InvoiceView[];
}
