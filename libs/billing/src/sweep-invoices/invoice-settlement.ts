import { Drain, ModuleDatabase } from '@app/platform';
import { Injectable, Logger } from '@nestjs/common';
import { Invoice } from '../database/invoice.entity';
import { moveIfStill } from '../domain/invoice-moves';
import { ChargeResult, chargeKeyOf, PaymentProvider, refundKeyOf } from '../payments/payment-provider.port';

/**
 * Undoes charges nobody keeps: a charge that completed after its caller's deadline, a charge for
 * an invoice abandoned while it ran, an invoice left `open` by a crash. Every step is keyed at the
 * provider by the invoice, so running one twice (handler and sweeper at once) moves money once.
 * A `void` invoice with a `chargeId` also has its `refundId`: nothing is kept.
 */
@Injectable()
export class InvoiceSettlement {
  private readonly logger = new Logger('BillingSettlement');

  constructor(
    private readonly db: ModuleDatabase,
    private readonly payments: PaymentProvider,
    private readonly drain: Drain,
  ) {}

  /** Refunds a charge under the invoice's refund key, then records the invoice `void`. */
  async giveBack(invoice: Invoice, chargeId: string, reason: string): Promise<void> {
    const { refundId } = await this.payments.refund({
      chargeId,
      amountMinor: invoice.amountMinor,
      currency: invoice.currency,
      idempotencyKey: refundKeyOf(invoice.id),
    });
    const patch = { chargeId, refundId, refundedAt: new Date().toISOString(), failureReason: reason.slice(0, 200) };
    await this.db.transaction((manager) => moveIfStill(manager, invoice.id, 'void', patch, ['open', 'abandoned', 'void']));
    this.logger.warn(`refunded charge ${chargeId} of invoice ${invoice.id}: ${reason}`);
  }

  /**
   * Waits for a charge still running at the deadline, then undoes it (the sweeper is the backstop).
   * Counted as work in flight, so a shutdown waits for it (bounded) instead of closing the database under it.
   */
  settleLate(invoice: Invoice, late: Promise<ChargeResult>): Promise<void> {
    return this.drain.track(() => this.settleLateNow(invoice, late));
  }

  private async settleLateNow(invoice: Invoice, late: Promise<ChargeResult>): Promise<void> {
    try {
      const result = await late;
      if (result.outcome === 'succeeded') await this.giveBack(invoice, result.chargeId, 'the payment completed after the deadline');
      else await this.db.transaction((manager) => moveIfStill(manager, invoice.id, 'void', { failureReason: result.reason }));
    } catch (error) {
      this.logger.error(`could not settle the late charge of invoice ${invoice.id}: ${(error as Error).message}`);
    }
  }

  /** An `open`/`abandoned` invoice nobody settles: ask the provider by key, refund if charged, void. */
  async settleStale(invoice: Invoice): Promise<void> {
    const charge = await this.payments.find(chargeKeyOf(invoice.id));
    const reason = invoice.failureReason ?? 'no outcome was recorded in time (swept)';
    if (charge?.kind === 'charge') await this.giveBack(invoice, charge.chargeId, reason);
    else await this.db.transaction((manager) => moveIfStill(manager, invoice.id, 'void', { failureReason: reason.slice(0, 200) }));
  }
}
