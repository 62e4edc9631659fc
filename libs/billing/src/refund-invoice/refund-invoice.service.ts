import { BillingEvents, InvoiceView } from '@app/contracts';
import { EventPublisher, ModuleDatabase } from '@app/platform';
import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Invoice } from '../database/invoice.entity';
import { Subscription } from '../database/subscription.entity';
import { moveInvoice } from '../domain/invoice-lifecycle';
import { PaymentProvider } from '../payments/payment-provider.port';
import { toInvoiceView } from '../views/billing-views';

/**
 * The rollback covenant: give the money back, end the subscription, tell everyone.
 * The provider is called outside any transaction; the outcome and its events commit together.
 */
@Injectable()
export class RefundInvoiceService {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly events: EventPublisher,
    private readonly payments: PaymentProvider,
  ) {}

  async refund(invoiceId: string): Promise<InvoiceView> {
    const invoice = await this.db.read((manager) => this.paidInvoice(manager, invoiceId));
    const { refundId } = await this.payments.refund({
      chargeId: invoice.chargeId!,
      amountMinor: invoice.amountMinor,
      currency: invoice.currency,
    });
    return this.db.transaction(async (manager) => {
      const current = await this.paidInvoice(manager, invoiceId);
      const now = new Date().toISOString();
      Object.assign(current, { status: moveInvoice(current.status, 'refunded'), refundId, refundedAt: now });
      await manager.save(Invoice, current);
      await manager.update(Subscription, { id: current.subscriptionId }, { status: 'ended', endedAt: now });
      const facts = { invoiceId: current.id, subscriptionId: current.subscriptionId, userId: current.userId };
      await this.events.publish(manager, BillingEvents.invoiceRefunded, {
        ...facts,
        amountMinor: current.amountMinor,
        currency: current.currency,
      });
      await this.events.publish(manager, BillingEvents.subscriptionCancelled, {
        subscriptionId: facts.subscriptionId,
        userId: facts.userId,
        reason: 'refund',
      });
      return toInvoiceView(current);
    });
  }

  private async paidInvoice(manager: EntityManager, invoiceId: string): Promise<Invoice> {
    const invoice = await manager.findOneBy(Invoice, { id: invoiceId });
    if (!invoice) throw new NotFoundException({ code: 'INVOICE_NOT_FOUND', message: 'no such invoice' });
    moveInvoice(invoice.status, 'refunded');
    return invoice;
  }
}
