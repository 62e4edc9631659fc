import { Actor, BillingContract, GATEWAY, InvoiceView, RefundInvoiceRequest } from '@app/contracts';
import { Handles, MessageActor, MessageBody } from '@app/platform';
import { Controller } from '@nestjs/common';
import { actingUser } from '../domain/acting-user';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { RefundInvoiceService } from './refund-invoice.service';

@Controller()
export class RefundInvoiceHandler {
  constructor(
    private readonly refunds: RefundInvoiceService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** Admins only: the module's permission boundary, enforced in every topology. */
  @Handles(BillingContract.refundInvoice, { callers: [GATEWAY], roles: ['admin'] })
  refund(@MessageBody() request: RefundInvoiceRequest, @MessageActor() actor: Actor): Promise<InvoiceView> {
    const admin = actingUser(actor);
    const scope = { userId: admin.id, operation: 'invoice.refund', key: request.idempotencyKey };
    return this.idempotency.run(scope, request, () => this.refunds.refund(request.invoiceId));
  }
}
