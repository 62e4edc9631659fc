import { Actor, BillingContract, BillingEvents, CancelSubscriptionRequest, GATEWAY, SubscriptionView } from '@app/contracts';
import { EventPublisher, Handles, MessageActor, MessageBody, ModuleDatabase } from '@app/platform';
import { ConflictException, Controller, ForbiddenException, NotFoundException } from '@nestjs/common';
import { Invoice } from '../database/invoice.entity';
import { Subscription } from '../database/subscription.entity';
import { actingUser } from '../domain/acting-user';
import { toSubscriptionView } from '../views/billing-views';

@Controller()
export class CancelSubscriptionHandler {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly events: EventPublisher,
  ) {}

  /** Only the owner, only an active subscription. Someone else's gets 403, not 404. */
  @Handles(BillingContract.cancelSubscription, { callers: [GATEWAY] })
  cancel(@MessageBody() request: CancelSubscriptionRequest, @MessageActor() actor: Actor): Promise<SubscriptionView> {
    const user = actingUser(actor);
    return this.db.transaction(async (manager) => {
      const subscription = await manager.findOneBy(Subscription, { id: request.subscriptionId });
      if (!subscription) throw new NotFoundException({ code: 'SUBSCRIPTION_NOT_FOUND', message: 'no such subscription' });
      if (subscription.userId !== user.id)
        throw new ForbiddenException({ code: 'FORBIDDEN', message: 'you may only cancel your own subscriptions' });
      if (subscription.status !== 'active')
        throw new ConflictException({ code: 'SUBSCRIPTION_NOT_ACTIVE', message: `the subscription is ${subscription.status}` });
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
