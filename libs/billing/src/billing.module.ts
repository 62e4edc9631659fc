import { ModuleKernel } from '@app/platform';
import { Module } from '@nestjs/common';
import { CancelSubscriptionHandler } from './cancel-subscription/cancel-subscription.handler';
import { CreateSubscriptionHandler } from './create-subscription/create-subscription.handler';
import { CreateSubscriptionService } from './create-subscription/create-subscription.service';
import { BILLING_ENTITIES, BILLING_MIGRATIONS } from './database/billing-schema';
import { IdempotencyService } from './idempotency/idempotency.service';
import { ListInvoicesHandler } from './list-invoices/list-invoices.handler';
import { ListPlansHandler } from './list-plans/list-plans.handler';
import { ListSubscriptionsHandler } from './list-subscriptions/list-subscriptions.handler';
import { paymentProvider } from './payments/payment-provider.factory';
import { RefundInvoiceHandler } from './refund-invoice/refund-invoice.handler';
import { RefundInvoiceService } from './refund-invoice/refund-invoice.service';
import { RegistrationCancelledConsumer } from './registration-cancelled/registration-cancelled.consumer';
import { InvoiceSettlement } from './sweep-invoices/invoice-settlement';
import { InvoiceSweeper } from './sweep-invoices/invoice-sweeper';
import { sweeperConfigProvider } from './sweep-invoices/sweeper.config';

/** Plans, subscriptions, invoices and payments. Reached only through BillingContract. */
@Module({
  imports: [ModuleKernel.forModule({ module: 'billing', entities: BILLING_ENTITIES, migrations: BILLING_MIGRATIONS })],
  controllers: [
    ListPlansHandler,
    CreateSubscriptionHandler,
    ListSubscriptionsHandler,
    CancelSubscriptionHandler,
    ListInvoicesHandler,
    RefundInvoiceHandler,
  ],
  providers: [
    paymentProvider,
    sweeperConfigProvider,
    IdempotencyService,
    InvoiceSettlement,
    CreateSubscriptionService,
    RefundInvoiceService,
    RegistrationCancelledConsumer,
    InvoiceSweeper,
  ],
})
export class BillingModule {}
