import { BillingContract, CreateSubscriptionRequest, GATEWAY, SubscriptionView, UserActor } from '@app/contracts';
import { Handles, MessageBody, SignedInUser } from '@app/platform';
import { Controller } from '@nestjs/common';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { CreateSubscriptionService } from './create-subscription.service';

@Controller()
export class CreateSubscriptionHandler {
  constructor(
    private readonly subscriptions: CreateSubscriptionService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Handles(BillingContract.createSubscription, { callers: [GATEWAY] })
  create(@MessageBody() request: CreateSubscriptionRequest, @SignedInUser() user: UserActor): Promise<SubscriptionView> {
    const scope = { userId: user.id, operation: 'subscription.create', key: request.idempotencyKey };
    return this.idempotency.run(scope, request, () => this.subscriptions.subscribe(user, request));
  }
}
