import { Actor, BillingContract, GATEWAY, InvoiceList, ListInvoicesRequest } from '@app/contracts';
import { Handles, MessageActor, MessageBody, ModuleDatabase } from '@app/platform';
import { Controller, ForbiddenException } from '@nestjs/common';
import { Invoice } from '../database/invoice.entity';
import { actingUser, isAdmin } from '../domain/acting-user';
import { toInvoiceView } from '../views/billing-views';

@Controller()
export class ListInvoicesHandler {
  constructor(private readonly db: ModuleDatabase) {}

  /** Your invoices, newest first. Only an admin may name another user. */
  @Handles(BillingContract.listInvoices, { callers: [GATEWAY] })
  async list(@MessageBody() request: ListInvoicesRequest, @MessageActor() actor: Actor): Promise<InvoiceList> {
    const user = actingUser(actor);
    const userId = request.userId ?? user.id;
    if (userId !== user.id && !isAdmin(user)) {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: 'you may only read your own invoices' });
    }
    const invoices = await this.db.read((manager) => manager.find(Invoice, { where: { userId }, order: { createdAt: 'DESC' } }));
    return { invoices: invoices.map(toInvoiceView) };
  }
}
