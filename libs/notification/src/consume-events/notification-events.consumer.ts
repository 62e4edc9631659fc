import { AuthEvents, BillingEvents, InvoicePaidEvent, InvoiceRefundedEvent, PaymentFailedEvent, UserRegisteredEvent } from '@app/contracts';
import { EventConsumer, HandlesEvent, ReceivedEvent } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { NotificationChannel } from '../channels/notification-channel.port';
import { renderPaymentFailed } from '../templates/payment-failed.template';
import { renderReceipt } from '../templates/receipt.template';
import { renderRefund } from '../templates/refund.template';
import { renderWelcome } from '../templates/welcome.template';
import { queueNotification } from './queue-notification';
import { rememberRecipient, requireRecipient } from './recipients';

/**
 * The four events notification subscribes to (EVENT_SUBSCRIPTIONS), one method each. Every write
 * goes through `event.manager`, the inbox's transaction: one event, exactly one notification.
 */
@Injectable()
@EventConsumer('notification')
export class NotificationEventsConsumer {
  constructor(private readonly channel: NotificationChannel) {}

  @HandlesEvent(AuthEvents.userRegistered)
  async onUserRegistered(event: ReceivedEvent<UserRegisteredEvent>): Promise<void> {
    const recipient = await rememberRecipient(event.manager, event.payload);
    await queueNotification({ event, recipient, kind: 'welcome', message: renderWelcome(recipient), channel: this.channel.name });
  }

  @HandlesEvent(BillingEvents.invoicePaid)
  async onInvoicePaid(event: ReceivedEvent<InvoicePaidEvent>): Promise<void> {
    const recipient = await requireRecipient(event.manager, event.payload.userId);
    await queueNotification({ event, recipient, kind: 'receipt', message: renderReceipt(event.payload), channel: this.channel.name });
  }

  @HandlesEvent(BillingEvents.paymentFailed)
  async onPaymentFailed(event: ReceivedEvent<PaymentFailedEvent>): Promise<void> {
    const recipient = await requireRecipient(event.manager, event.payload.userId);
    await queueNotification({
      event,
      recipient,
      kind: 'payment-failed',
      message: renderPaymentFailed(event.payload),
      channel: this.channel.name,
    });
  }

  @HandlesEvent(BillingEvents.invoiceRefunded)
  async onInvoiceRefunded(event: ReceivedEvent<InvoiceRefundedEvent>): Promise<void> {
    const recipient = await requireRecipient(event.manager, event.payload.userId);
    await queueNotification({ event, recipient, kind: 'refund', message: renderRefund(event.payload), channel: this.channel.name });
  }
}
