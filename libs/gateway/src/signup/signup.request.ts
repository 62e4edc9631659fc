import { CreateSubscriptionRequest, RegisterRequest, SubscriptionView, UserView } from '@app/contracts';
import { ApiProperty, IntersectionType, OmitType } from '@nestjs/swagger';

/** Register and subscribe in one request: the fields (and their rules) of both contracts. */
export class SignupRequest extends IntersectionType(RegisterRequest, OmitType(CreateSubscriptionRequest, ['idempotencyKey'] as const)) {}

export class SignupResult {
  @ApiProperty({ type: UserView }) user!: UserView;
  @ApiProperty({ type: SubscriptionView }) subscription!: SubscriptionView;
}
