import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { REFRESH_TOKEN_BYTES, REFRESH_TOKEN_TTL_MS } from '../auth.constants';
import { RefreshToken, RefreshTokenRevocation } from '../database/refresh-token.entity';

/** What is stored of a refresh token: its SHA-256, so a leaked table holds no usable token. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Issues, finds and revokes refresh tokens, always inside the caller's transaction. */
@Injectable()
export class RefreshTokens {
  /** A fresh token of the family; the raw value is returned once and never stored. */
  async issue(manager: EntityManager, userId: string, familyId: string): Promise<string> {
    const token = randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
    const now = Date.now();
    await manager.insert(RefreshToken, {
      id: randomUUID(),
      tokenHash: hashRefreshToken(token),
      userId,
      familyId,
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + REFRESH_TOKEN_TTL_MS).toISOString(),
      revokedAt: null,
      revokedReason: null,
    });
    return token;
  }

  findByToken(manager: EntityManager, token: string): Promise<RefreshToken | null> {
    return manager.findOneBy(RefreshToken, { tokenHash: hashRefreshToken(token) });
  }

  /** True if this call revoked it; false if someone else did first (a concurrent use). */
  async revoke(manager: EntityManager, token: RefreshToken, reason: RefreshTokenRevocation): Promise<boolean> {
    const result = await manager.update(RefreshToken, { id: token.id, revokedAt: IsNull() }, this.revocation(reason));
    return (result.affected ?? 0) > 0;
  }

  async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, this.revocation('reuse-detected'));
  }

  private revocation(reason: RefreshTokenRevocation): Partial<RefreshToken> {
    return { revokedAt: new Date().toISOString(), revokedReason: reason };
  }
}
