import { AuthClient, BillingClient, UserView } from '@app/contracts';
import { MessageContext, ModuleCallError } from '@app/platform';
import { Injectable, Logger } from '@nestjs/common';
import { SignupRequest, SignupResult } from './signup.request';

const COMPENSATION_ATTEMPTS = 3;

/**
 * The signup saga: register with auth, then subscribe with billing as the new user. If the
 * second step fails for any reason — declined (402), unreachable (503), too slow (504) — the
 * first is compensated (auth.registration.cancel.v1) and the original failure is answered.
 */
@Injectable()
export class SignupSaga {
  private readonly logger = new Logger('SignupSaga');

  constructor(
    private readonly auth: AuthClient,
    private readonly billing: BillingClient,
  ) {}

  async run(request: SignupRequest, idempotencyKey?: string): Promise<SignupResult> {
    const user = await this.auth.register({ email: request.email, password: request.password });
    try {
      const subscription = await this.asUser(user, () =>
        this.billing.createSubscription({
          planId: request.planId,
          paymentToken: request.paymentToken,
          ...(idempotencyKey ? { idempotencyKey } : {}),
        }),
      );
      return { user, subscription };
    } catch (failure) {
      await this.compensate(user, failure);
      throw failure;
    }
  }

  private asUser<T>(user: UserView, step: () => Promise<T>): Promise<T> {
    const current = MessageContext.current()!;
    return MessageContext.run({ ...current, actor: { kind: 'user', id: user.id, roles: user.roles } }, step);
  }

  /** Undo the registration; retried a few times because a half-done signup must not stay. */
  private async compensate(user: UserView, failure: unknown): Promise<void> {
    const reason = failure instanceof ModuleCallError ? `${failure.code}: ${failure.message}` : 'subscription step failed';
    for (let attempt = 1; attempt <= COMPENSATION_ATTEMPTS; attempt++) {
      try {
        await this.auth.cancelRegistration({ userId: user.id, reason: reason.slice(0, 200) });
        return;
      } catch (error) {
        this.logger.error(`compensation of ${user.id} failed (attempt ${attempt}): ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }
}
