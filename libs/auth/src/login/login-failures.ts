import { AuthEvents, LoginFailureReason } from '@app/contracts';
import { EventPublisher, ModuleDatabase } from '@app/platform';
import { HttpException, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthErrors } from '../auth.errors';
import { forUpdate } from '../database/for-update';
import { User } from '../database/user.entity';
import { afterFailure } from './login-streak.policy';

/**
 * Records a failed login and says what to answer. Each failure is written and its
 * `auth.login.failed.v1` published in a transaction of its own, committed before the call fails.
 */
@Injectable()
export class LoginFailures {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly publisher: EventPublisher,
  ) {}

  /** No account: nothing to count, only the event. */
  async unknownEmail(email: string): Promise<HttpException> {
    await this.db.transaction((manager) => this.publish(manager, email, 'unknown-email', 0));
    return AuthErrors.invalidCredentials();
  }

  badPassword(userId: string): Promise<HttpException> {
    return this.countFailure(userId, 'bad-password');
  }

  locked(userId: string): Promise<HttpException> {
    return this.countFailure(userId, 'locked');
  }

  private async countFailure(userId: string, reason: Exclude<LoginFailureReason, 'unknown-email'>): Promise<HttpException> {
    const lockedUntil = await this.db.transaction(async (manager) => {
      const user = await manager.findOneOrFail(User, { where: { id: userId }, lock: forUpdate(manager) });
      const streak = afterFailure(user, new Date());
      await manager.update(User, { id: userId }, streak);
      await this.publish(manager, user.email, reason, streak.failedLoginCount, streak.lockedUntil);
      return streak.lockedUntil;
    });
    // The failure that locks the account is already answered with the lock and its end.
    return lockedUntil ? AuthErrors.accountLocked(lockedUntil) : AuthErrors.invalidCredentials();
  }

  private async publish(
    manager: EntityManager,
    email: string,
    reason: LoginFailureReason,
    failedAttempts: number,
    lockedUntil?: string | null,
  ) {
    await this.publisher.publish(manager, AuthEvents.loginFailed, {
      email,
      reason,
      failedAttempts,
      ...(lockedUntil ? { lockedUntil } : {}),
    });
  }
}
