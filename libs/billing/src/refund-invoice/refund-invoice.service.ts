import { BillingEvents, InvoiceView } from '@app/contracts';
import { EventPublisher, MessageContext, ModuleDatabase } from '@app/platform';
import { Injectable, Logger } from '@nestjs/common';
import { Invoice } from '../database/invoice.entity';
import { Subscription } from '../database/subscription.entity';
import { moveInvoice } from '../domain/invoice-lifecycle';
import { moveIfStill } from '../domain/invoice-moves';
import { PaymentProvider, refundKeyOf } from '../payments/payment-provider.port';
import { toInvoiceView } from '../views/billing-views';
import { BillingErrors } from '../billing.errors';

/**
 * The rollback covenant: give the money back, end the subscription, tell everyone.
 * Claim first (`paid → refunding`, a conditional update: of any number of concurrent refunds
 * exactly one gets it, the others 409 without touching the provider), then refund at the
 * provider under the invoice's refund key (so even a retry after a crash refunds once), then
 * commit `refunded` with its events. A provider failure gives the claim back (`refunding → paid`).
 */
@Injectable()
export class RefundInvoiceService {
  private readonly logger = new Logger('BillingRefund');

  constructor(
    private readonly db: ModuleDatabase,
    private readonly events: EventPublisher,
    private readonly payments: PaymentProvider,
  ) {}

  async refund(invoiceId: string): Promise<InvoiceView> {
    const claimed = await this.db.transaction(async (manager) => {
      if (await moveIfStill(manager, invoiceId, 'refunding')) return manager.findOneByOrFail(Invoice, { id: invoiceId });
      const invoice = await manager.findOneBy(Invoice, { id: invoiceId });
      if (!invoice) throw BillingErrors.invoiceNotFound();
      moveInvoice(invoice.status, 'refunding');
      throw new Error('unreachable: a paid invoice was not claimed');
    });
    const deadline = MessageContext.current()?.deadline;
    if (deadline !== undefined && Date.now() >= deadline) {
      await this.db.transaction((manager) => moveIfStill(manager, invoiceId, 'paid', {}, ['refunding']));
      throw BillingErrors.refundTooLate();
    }
    try {
      return toInvoiceView(await this.complete(claimed));
    } catch (error) {
      if (!(error instanceof ProviderRefused)) throw error;
      await this.db.transaction((manager) => moveIfStill(manager, invoiceId, 'paid', {}, ['refunding']));
      const now = await this.db.read((manager) => manager.findOneByOrFail(Invoice, { id: invoiceId }));
      if (now.status === 'refunded') return toInvoiceView(now);
      throw BillingErrors.refundRefused(error.message);
    }
  }

  /**
   * Finishes a claimed (`refunding`) refund: at the provider under the invoice's refund key, then
   * `refunded` and its events, once. Safe to run twice at once (the sweeper after a crash, or a
   * second worker): the provider answers the same refund, and only one commit moves the status.
   */
  async complete(invoice: Invoice): Promise<Invoice> {
    let refundId: string;
    try {
      ({ refundId } = await this.payments.refund({
        chargeId: invoice.chargeId!,
        amountMinor: invoice.amountMinor,
        currency: invoice.currency,
        idempotencyKey: refundKeyOf(invoice.id),
      }));
    } catch (error) {
      this.logger.error(`refund of invoice ${invoice.id} failed at the provider: ${(error as Error).message}`);
      throw new ProviderRefused((error as Error).message);
    }
    return this.db.transaction(async (manager) => {
      const now = new Date().toISOString();
      if (!(await moveIfStill(manager, invoice.id, 'refunded', { refundId, refundedAt: now }))) {
        return manager.findOneByOrFail(Invoice, { id: invoice.id });
      }
      await manager.update(Subscription, { id: invoice.subscriptionId }, { status: 'ended', endedAt: now });
      const facts = { invoiceId: invoice.id, subscriptionId: invoice.subscriptionId, userId: invoice.userId };
      await this.events.publish(manager, BillingEvents.invoiceRefunded, {
        ...facts,
        amountMinor: invoice.amountMinor,
        currency: invoice.currency,
      });
      await this.events.publish(manager, BillingEvents.subscriptionCancelled, {
        subscriptionId: facts.subscriptionId,
        userId: facts.userId,
        reason: 'refund',
      });
      return manager.findOneByOrFail(Invoice, { id: invoice.id });
    });
  }
}

class ProviderRefused extends Error {}
