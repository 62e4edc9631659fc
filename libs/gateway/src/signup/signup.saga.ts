import { AuthClient, BillingClient, SubscriptionView, UserView } from '@app/contracts';
import { MessageContext, ModuleCallError } from '@app/platform';
import { HttpException, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LeaseLostError, SagaLog } from '../sagas/saga-log';
import { SagaInstance } from '../sagas/saga-instance.entity';
import { SignupRequest, SignupResult } from './signup.request';

export const SIGNUP_SAGA = 'signup';

/** The steps of a signup, in the order the saga log shows them. */
export const SignupSteps = {
  register: 'register',
  subscribe: 'subscribe',
  cancelRegistration: 'cancel_registration',
  done: 'done',
} as const;

/** What the log keeps to resume or compensate a signup: never the password or the card token. */
export interface SignupData {
  email: string;
  planId: string;
  /** The key billing deduplicates the subscription by: the client's Idempotency-Key, else a new one. */
  idempotencyKey: string;
  /** Known once auth has answered the register step. */
  userId?: string;
}

const INLINE_COMPENSATION_ATTEMPTS = 3;
/** A compensation handed back to the recovery loop waits 1 s per attempt so far, at most this long. */
const MAX_RETRY_BACKOFF_MS = 60_000;
/** When the saga lost the user's id, auth cancels by email only for accounts created since then (minus this skew). */
const CLOCK_SKEW_MS = 2000;

export const describeFailure = (failure: unknown): string =>
  failure instanceof ModuleCallError
    ? `${failure.code}: ${failure.message}`
    : failure instanceof HttpException
      ? `${failure.getStatus()}: ${failure.message}`
      : failure instanceof Error
        ? failure.message
        : 'unknown failure';

/** A failure that says for sure the call changed nothing (4xx), unlike 503/504 or a lost connection. */
const changedNothing = (failure: unknown): boolean => failure instanceof ModuleCallError && failure.status >= 400 && failure.status < 500;

/**
 * The signup saga (ADR 0018): register with auth, then subscribe with billing as the new user.
 * Every step is written to the gateway's saga log before it is taken and after it answers, so a
 * gateway that dies mid-saga leaves a row another gateway (or itself, restarted) finishes: the
 * recovery loop compensates an instance whose orchestrator was lost (presumed abort).
 *
 * Compensation is `auth.registration.cancel.v1`; billing undoes its side when it receives
 * `auth.registration.cancelled.v1` (open invoices abandoned, paid ones refunded by their key), an
 * event auth publishes in the transaction that deletes the account, so it is never lost.
 */
@Injectable()
export class SignupSaga {
  private readonly logger = new Logger('SignupSaga');

  constructor(
    private readonly auth: AuthClient,
    private readonly billing: BillingClient,
    private readonly log: SagaLog,
  ) {}

  async run(request: SignupRequest, idempotencyKey?: string): Promise<SignupResult> {
    const email = request.email.trim().toLowerCase();
    const data: SignupData = { email, planId: request.planId, idempotencyKey: idempotencyKey ?? randomUUID() };
    const instance = await this.log.start(SIGNUP_SAGA, email, SignupSteps.register, data);
    const state = (): SignupData => JSON.parse(instance.data) as SignupData;

    let user: UserView;
    try {
      user = await this.auth.register({ email: request.email, password: request.password });
    } catch (failure) {
      if (changedNothing(failure)) await this.log.finish(instance, 'failed', { lastError: describeFailure(failure) });
      else await this.compensate(instance, failure);
      throw failure;
    }

    let subscription: SubscriptionView;
    try {
      await this.log.advance(instance, { step: SignupSteps.subscribe, data: { ...state(), userId: user.id } });
      subscription = await this.asUser(user, () =>
        this.billing.createSubscription({
          planId: request.planId,
          paymentToken: request.paymentToken,
          idempotencyKey: state().idempotencyKey,
        }),
      );
    } catch (failure) {
      await this.compensate(instance, failure);
      throw failure;
    }
    await this.log.finish(instance, 'completed', { step: SignupSteps.done });
    return { user, subscription };
  }

  /**
   * Undoes an instance this process holds the lease on: inline a few times, then, if auth is still
   * unreachable, handed back to the recovery loop (retried with backoff until it succeeds).
   */
  async compensate(instance: SagaInstance, failure: unknown): Promise<void> {
    const reason = describeFailure(failure);
    try {
      await this.log.advance(instance, { state: 'compensating', step: SignupSteps.cancelRegistration, lastError: reason });
    } catch (error) {
      // The log is unreachable or another process has the instance: the recovery loop will finish it.
      this.logger.error(`saga ${instance.id}: could not record compensation: ${(error as Error).message}`);
      return;
    }
    let lastError = reason;
    for (let attempt = 1; attempt <= INLINE_COMPENSATION_ATTEMPTS; attempt++) {
      try {
        await this.cancelRegistration(instance, reason);
        await this.log.finish(instance, 'compensated');
        return;
      } catch (error) {
        if (error instanceof LeaseLostError) return;
        lastError = `compensation failed: ${describeFailure(error)}`;
        this.logger.error(`saga ${instance.id}: ${lastError} (attempt ${attempt})`);
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
    await this.log.release(instance, lastError, Math.min(MAX_RETRY_BACKOFF_MS, 1000 * instance.attempts)).catch(() => undefined);
  }

  /** By user id, or — when the saga lost it in a crash — by email, limited to accounts created since the saga began. */
  private async cancelRegistration(instance: SagaInstance, reason: string): Promise<void> {
    const data = JSON.parse(instance.data) as SignupData;
    const since = new Date(new Date(instance.createdAt).getTime() - CLOCK_SKEW_MS).toISOString();
    const target = data.userId ? { userId: data.userId } : { email: data.email, registeredSince: since };
    await this.auth.cancelRegistration({ ...target, reason: reason.slice(0, 200) });
  }

  private asUser<T>(user: UserView, step: () => Promise<T>): Promise<T> {
    const current = MessageContext.current()!;
    return MessageContext.run({ ...current, actor: { kind: 'user', id: user.id, roles: user.roles } }, step);
  }
}
