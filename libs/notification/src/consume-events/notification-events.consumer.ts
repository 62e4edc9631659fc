import {
  AuthEvents,
  BillingEvents,
  InvoicePaidEvent,
  InvoiceRefundedEvent,
  PaymentFailedEvent,
  RegistrationCancelledEvent,
  UserRegisteredEvent,
} from '@app/contracts';
import { EventConsumer, HandlesEvent, ReceivedEvent } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { NotificationChannel } from '../channels/notification-channel.port';
import { Recipient } from '../database/recipient.entity';
import { renderPaymentFailed } from '../templates/payment-failed.template';
import { renderReceipt } from '../templates/receipt.template';
import { renderRefund } from '../templates/refund.template';
import { renderSignupCancelled } from '../templates/signup-cancelled.template';
import { renderWelcome } from '../templates/welcome.template';
import { anythingSent, cancelUnsent, signupCancelledReason } from './cancel-notifications';
import { queueNotification } from './queue-notification';
import { forgetRecipient, rememberRecipient, requireRecipient } from './recipients';

/** Why a message of an undone signup is kept `cancelled` instead of sent (ADR 0019). */
const AFTER_CANCELLATION = signupCancelledReason('the signup had already been undone');

/**
 * The five events notification subscribes to (EVENT_SUBSCRIPTIONS), one method each. Every write
 * goes through `event.manager`, the inbox's transaction: one event, exactly one effect.
 */
@Injectable()
@EventConsumer('notification')
export class NotificationEventsConsumer {
  constructor(private readonly channel: NotificationChannel) {}

  @HandlesEvent(AuthEvents.userRegistered)
  async onUserRegistered(event: ReceivedEvent<UserRegisteredEvent>): Promise<void> {
    const recipient = await rememberRecipient(event.manager, event.payload);
    await queueNotification({
      event,
      recipient,
      kind: 'welcome',
      message: renderWelcome(recipient),
      channel: this.channel.name,
      cancelledBecause: whenCancelled(recipient),
    });
  }

  /**
   * The signup was undone: nothing unsent of this user goes out any more, the recipient becomes a
   * tombstone, and if a message had already reached the user, one notice says it was cancelled.
   */
  @HandlesEvent(AuthEvents.registrationCancelled)
  async onRegistrationCancelled(event: ReceivedEvent<RegistrationCancelledEvent>): Promise<void> {
    const { manager, payload } = event;
    const recipient = await forgetRecipient(manager, payload);
    await cancelUnsent(manager, payload.userId, signupCancelledReason(payload.reason));
    if (!(await anythingSent(manager, payload.userId))) return;
    await queueNotification({
      event,
      recipient,
      kind: 'signup-cancelled',
      message: renderSignupCancelled(recipient),
      channel: this.channel.name,
    });
  }

  @HandlesEvent(BillingEvents.invoicePaid)
  async onInvoicePaid(event: ReceivedEvent<InvoicePaidEvent>): Promise<void> {
    const recipient = await requireRecipient(event.manager, event.payload.userId);
    await queueNotification({
      event,
      recipient,
      kind: 'receipt',
      message: renderReceipt(event.payload),
      channel: this.channel.name,
      cancelledBecause: whenCancelled(recipient),
    });
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
      cancelledBecause: whenCancelled(recipient),
    });
  }

  /** Sent even after a cancellation: money given back is worth telling (ADR 0019). */
  @HandlesEvent(BillingEvents.invoiceRefunded)
  async onInvoiceRefunded(event: ReceivedEvent<InvoiceRefundedEvent>): Promise<void> {
    const recipient = await requireRecipient(event.manager, event.payload.userId);
    await queueNotification({ event, recipient, kind: 'refund', message: renderRefund(event.payload), channel: this.channel.name });
  }
}

/** For a user whose signup was undone, the reason to keep the message unsent. */
const whenCancelled = (recipient: Recipient): string | undefined => (recipient.cancelledAt ? AFTER_CANCELLATION : undefined);
