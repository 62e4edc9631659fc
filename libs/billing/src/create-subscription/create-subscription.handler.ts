import { Actor, BillingContract, CreateSubscriptionRequest, GATEWAY, SubscriptionView } from '@app/contracts';
import { Handles, MessageActor, MessageBody } from '@app/platform';
import { Controller } from '@nestjs/common';
import { actingUser } from '../domain/acting-user';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { CreateSubscriptionService } from './create-subscription.service';

@Controller()
export class CreateSubscriptionHandler {
  constructor(
    private readonly subscriptions: CreateSubscriptionService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Handles(BillingContract.createSubscription, { callers: [GATEWAY] })
  create(@MessageBody() request: CreateSubscriptionRequest, @MessageActor() actor: Actor): Promise<SubscriptionView> {
    const user = actingUser(actor);
    const scope = { userId: user.id, operation: 'subscription.create', key: request.idempotencyKey };
    return this.idempotency.run(scope, request, () => this.subscriptions.subscribe(user, request));
  }
}
