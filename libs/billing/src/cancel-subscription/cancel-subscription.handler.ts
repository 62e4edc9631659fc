import { BillingContract, BillingEvents, CancelSubscriptionRequest, GATEWAY, SubscriptionView, UserActor } from '@app/contracts';
import { EventPublisher, Handles, MessageBody, ModuleDatabase, SignedInUser } from '@app/platform';
import { Controller } from '@nestjs/common';
import { BillingErrors } from '../billing.errors';
import { Invoice } from '../database/invoice.entity';
import { Subscription } from '../database/subscription.entity';
import { toSubscriptionView } from '../views/billing-views';

@Controller()
export class CancelSubscriptionHandler {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly events: EventPublisher,
  ) {}

  /** Only the owner, only an active subscription. Someone else's gets 403, not 404. */
  @Handles(BillingContract.cancelSubscription, { callers: [GATEWAY] })
  cancel(@MessageBody() request: CancelSubscriptionRequest, @SignedInUser() user: UserActor): Promise<SubscriptionView> {
    return this.db.transaction(async (manager) => {
      const subscription = await manager.findOneBy(Subscription, { id: request.subscriptionId });
      if (!subscription) throw BillingErrors.subscriptionNotFound();
      if (subscription.userId !== user.id) throw BillingErrors.notYourSubscription();
      if (subscription.status !== 'active') throw BillingErrors.subscriptionNotActive(subscription.status);
      Object.assign(subscription, { status: 'cancelled', endedAt: new Date().toISOString() });
      await manager.save(Subscription, subscription);
      await this.events.publish(manager, BillingEvents.subscriptionCancelled, {
        subscriptionId: subscription.id,
        userId: subscription.userId,
        reason: 'user',
      });
      const [latest] = await manager.find(Invoice, { where: { subscriptionId: subscription.id }, order: { createdAt: 'DESC' }, take: 1 });
      return toSubscriptionView(subscription, latest);
    });
  }
}
