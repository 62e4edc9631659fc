import { BillingContract, GATEWAY, InvoiceView, RefundInvoiceRequest, UserActor } from '@app/contracts';
import { Handles, MessageBody, SignedInUser } from '@app/platform';
import { Controller } from '@nestjs/common';
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
  refund(@MessageBody() request: RefundInvoiceRequest, @SignedInUser() admin: UserActor): Promise<InvoiceView> {
    const scope = { userId: admin.id, operation: 'invoice.refund', key: request.idempotencyKey };
    return this.idempotency.run(scope, request, () => this.refunds.refund(request.invoiceId));
  }
}
