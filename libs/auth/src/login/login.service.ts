import { LoginRequest, TokenPair } from '@app/contracts';
import { ModuleDatabase } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { forUpdate } from '../database/for-update';
import { User } from '../database/user.entity';
import { PasswordHasher } from '../passwords/password-hasher';
import { TokenPairIssuer } from '../tokens/token-pair.issuer';
import { normalizeEmail } from '../users/normalize-email';
import { LoginFailures } from './login-failures';
import { CLEAN_STREAK, isLocked } from './login-streak.policy';

/**
 * Email and password in, a token pair out. An unknown email and a wrong password get the same
 * answer after the same work; a locked account is refused before its password is checked.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly hasher: PasswordHasher,
    private readonly failures: LoginFailures,
    private readonly pairs: TokenPairIssuer,
  ) {}

  async login(request: LoginRequest): Promise<TokenPair> {
    const email = normalizeEmail(request.email);
    const user = await this.db.read((manager) => manager.findOneBy(User, { email }));
    if (!user) {
      await this.hasher.verifyAgainstDummy(request.password);
      throw await this.failures.unknownEmail(email);
    }
    if (isLocked(user, new Date())) throw await this.failures.locked(user.id);
    if (!(await this.hasher.verify(user.passwordHash, request.password))) throw await this.failures.badPassword(user.id);
    const pair = await this.startSession(user, request.password);
    if (!pair) throw await this.failures.locked(user.id);
    return pair;
  }

  /** Clears the failure streak and opens a new refresh-token family; undefined if locked meanwhile. */
  private async startSession(user: User, password: string): Promise<TokenPair | undefined> {
    // A hash made with older parameters is replaced while the password is at hand (ADR 0007).
    const passwordHash = this.hasher.isOutdated(user.passwordHash) ? await this.hasher.hash(password) : user.passwordHash;
    return this.db.transaction(async (manager) => {
      // Failures that arrived while the password was being checked may have locked the account.
      const current = await manager.findOneOrFail(User, { where: { id: user.id }, lock: forUpdate(manager) });
      if (isLocked(current, new Date())) return undefined;
      await manager.update(User, { id: user.id }, { ...CLEAN_STREAK, passwordHash });
      return this.pairs.issue(manager, current, randomUUID());
    });
  }
}
