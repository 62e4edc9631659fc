import { AuthContract, AuthEvents, UserView } from '@app/contracts';
import { EventPublisher, ModuleDatabase, refuseIfPastDeadline } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { USER_ROLE } from '../auth.constants';
import { AuthErrors } from '../auth.errors';
import { isUniqueViolation } from '../database/is-unique-violation';
import { User } from '../database/user.entity';
import { PasswordHasher } from '../passwords/password-hasher';
import { normalizeEmail } from '../users/normalize-email';
import { toUserView } from '../users/user-view.mapper';

export interface NewAccount {
  email: string;
  password: string;
}

/**
 * Creates an account and announces it: the user row and the event commit together or not at all,
 * and only within the deadline of the call that asked for it — a signup saga that stopped waiting
 * has undone the registration already, and an account committed after that would be left behind.
 */
@Injectable()
export class RegisterService {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly publisher: EventPublisher,
    private readonly hasher: PasswordHasher,
  ) {}

  async register(account: NewAccount, roles: string[] = [USER_ROLE]): Promise<UserView> {
    const email = normalizeEmail(account.email);
    // Hash before the transaction: it takes tens of ms and SQLite runs one transaction at a time.
    const passwordHash = await this.hasher.hash(account.password);
    const user: User = {
      id: randomUUID(),
      email,
      passwordHash,
      roles,
      createdAt: new Date().toISOString(),
      failedLoginCount: 0,
      failedLoginSince: null,
      lockedUntil: null,
    };
    await this.db.transaction((manager) => this.insert(manager, user));
    return toUserView(user);
  }

  private async insert(manager: EntityManager, user: User): Promise<void> {
    // The unique index on email decides (no SELECT first): a taken email fails the INSERT, and
    // the whole transaction rolls back. No re-read of defaults afterwards either: `user` has them.
    await manager
      .createQueryBuilder()
      .insert()
      .into(User)
      .values(user)
      .updateEntity(false)
      .execute()
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? AuthErrors.emailTaken() : error;
      });
    await this.publisher.publish(manager, AuthEvents.userRegistered, {
      userId: user.id,
      email: user.email,
      roles: user.roles,
      registeredAt: user.createdAt,
    });
    refuseIfPastDeadline(AuthContract.register.pattern);
  }
}
