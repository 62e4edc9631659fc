import { BillingContract, GATEWAY, ListSubscriptionsRequest, SubscriptionList, UserActor } from '@app/contracts';
import { Handles, MessageBody, ModuleDatabase, SignedInUser } from '@app/platform';
import { Controller } from '@nestjs/common';
import { In } from 'typeorm';
import { Invoice } from '../database/invoice.entity';
import { Subscription } from '../database/subscription.entity';
import { toSubscriptionView } from '../views/billing-views';

@Controller()
export class ListSubscriptionsHandler {
  constructor(private readonly db: ModuleDatabase) {}

  /** The acting user's own subscriptions, newest first, each with its latest invoice. */
  @Handles(BillingContract.listSubscriptions, { callers: [GATEWAY] })
  async list(@MessageBody() _request: ListSubscriptionsRequest, @SignedInUser() user: UserActor): Promise<SubscriptionList> {
    return this.db.read(async (manager) => {
      const subscriptions = await manager.find(Subscription, { where: { userId: user.id }, order: { createdAt: 'DESC' } });
      const invoices = await manager.find(Invoice, {
        where: { subscriptionId: In(subscriptions.map((s) => s.id)) },
        order: { createdAt: 'ASC' },
      });
      const latest = new Map(invoices.map((invoice) => [invoice.subscriptionId, invoice]));
      return { subscriptions: subscriptions.filter((s) => latest.has(s.id)).map((s) => toSubscriptionView(s, latest.get(s.id)!)) };
    });
  }
}
