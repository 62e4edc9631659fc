import { ModuleDatabase } from '@app/platform';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { In, LessThan } from 'typeorm';
import { Invoice } from '../database/invoice.entity';
import { RefundInvoiceService } from '../refund-invoice/refund-invoice.service';
import { InvoiceSettlement } from './invoice-settlement';
import { SWEEPER_CONFIG, SweeperConfig } from './sweeper.config';

const BATCH = 50;

/**
 * Every `BILLING_SWEEP_INTERVAL_MS` (never two passes at once): finishes claimed refunds
 * (`refunding`: a crash after the claim, or a refund claimed by an event), and settles `open` or
 * `abandoned` invoices older than `BILLING_STALE_INVOICE_MS` (refund if the provider says it
 * charged them, then `void`). All of it is keyed at the provider, so it is safe beside live work.
 */
@Injectable()
export class InvoiceSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('BillingSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly db: ModuleDatabase,
    private readonly settlement: InvoiceSettlement,
    private readonly refunds: RefundInvoiceService,
    @Inject(SWEEPER_CONFIG) private readonly config: SweeperConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.intervalMs > 0) this.timer = setInterval(() => this.tick(), this.config.intervalMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; how many invoices it settled. */
  async sweep(now = Date.now()): Promise<number> {
    const staleBefore = new Date(now - this.config.staleAfterMs).toISOString();
    const [refunding, stale] = await this.db.read((manager) =>
      Promise.all([
        manager.find(Invoice, { where: { status: 'refunding' }, take: BATCH }),
        manager.find(Invoice, { where: { status: In(['open', 'abandoned']), createdAt: LessThan(staleBefore) }, take: BATCH }),
      ]),
    );
    let settled = 0;
    for (const invoice of [...refunding, ...stale]) {
      if (this.stopped) break;
      try {
        if (invoice.status === 'refunding') await this.refunds.complete(invoice);
        else await this.settlement.settleStale(invoice);
        settled++;
      } catch (error) {
        this.logger.error(`could not settle invoice ${invoice.id} (${invoice.status}): ${(error as Error).message}`);
      }
    }
    return settled;
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    this.running = this.sweep()
      .then(() => undefined)
      .catch((error: Error) => this.logger.error(`sweep failed: ${error.message}`))
      .finally(() => (this.running = undefined));
  }
}
