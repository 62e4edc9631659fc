import { RefreshRequest, TokenPair } from '@app/contracts';
import { ModuleDatabase } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthErrors } from '../auth.errors';
import { User } from '../database/user.entity';
import { RefreshTokens } from '../tokens/refresh-tokens';
import { TokenPairIssuer } from '../tokens/token-pair.issuer';

type Rotation = { outcome: 'rotated'; pair: TokenPair } | { outcome: 'invalid' } | { outcome: 'reused' };

/**
 * Rotating refresh tokens: each one works once. A second use means it was stolen (or the client
 * is broken), so the whole family is revoked; that revocation commits before the call fails.
 */
@Injectable()
export class RefreshService {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly refreshTokens: RefreshTokens,
    private readonly pairs: TokenPairIssuer,
  ) {}

  async refresh(request: RefreshRequest): Promise<TokenPair> {
    const rotation = await this.db.transaction((manager) => this.rotate(manager, request.refreshToken));
    if (rotation.outcome === 'reused') throw AuthErrors.refreshTokenReused();
    if (rotation.outcome === 'invalid') throw AuthErrors.invalidRefreshToken();
    return rotation.pair;
  }

  private async rotate(manager: EntityManager, presented: string): Promise<Rotation> {
    const token = await this.refreshTokens.findByToken(manager, presented);
    if (!token) return { outcome: 'invalid' };
    // Reuse is checked before expiry: an old stolen token must still burn its family.
    if (token.revokedAt !== null) return this.reused(manager, token.familyId);
    const user = await manager.findOneBy(User, { id: token.userId });
    if (Date.parse(token.expiresAt) <= Date.now() || !user) return { outcome: 'invalid' };
    // Revoked by a concurrent refresh between our read and now (PostgreSQL): that is a reuse too.
    if (!(await this.refreshTokens.revoke(manager, token, 'rotated'))) return this.reused(manager, token.familyId);
    return { outcome: 'rotated', pair: await this.pairs.issue(manager, user, token.familyId) };
  }

  private async reused(manager: EntityManager, familyId: string): Promise<Rotation> {
    await this.refreshTokens.revokeFamily(manager, familyId);
    return { outcome: 'reused' };
  }
}
