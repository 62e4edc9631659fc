import { BillingContract, GATEWAY, InvoiceList, ListInvoicesRequest, UserActor } from '@app/contracts';
import { Handles, MessageBody, ModuleDatabase, SignedInUser } from '@app/platform';
import { Controller } from '@nestjs/common';
import { BillingErrors } from '../billing.errors';
import { Invoice } from '../database/invoice.entity';
import { isAdmin } from '../domain/is-admin';
import { toInvoiceView } from '../views/billing-views';

@Controller()
export class ListInvoicesHandler {
  constructor(private readonly db: ModuleDatabase) {}

  /** Your invoices, newest first. Only an admin may name another user. */
  @Handles(BillingContract.listInvoices, { callers: [GATEWAY] })
  async list(@MessageBody() request: ListInvoicesRequest, @SignedInUser() user: UserActor): Promise<InvoiceList> {
    const userId = request.userId ?? user.id;
    if (userId !== user.id && !isAdmin(user)) {
      throw BillingErrors.notYourInvoices();
    }
    const invoices = await this.db.read((manager) => manager.find(Invoice, { where: { userId }, order: { createdAt: 'DESC' } }));
    return { invoices: invoices.map(toInvoiceView) };
  }
}
