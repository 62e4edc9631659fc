import { TokenPair } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ACCESS_TOKEN_TTL_SECONDS } from '../auth.constants';
import { User } from '../database/user.entity';
import { AccessTokens } from './access-tokens';
import { RefreshTokens } from './refresh-tokens';

/** What login and refresh both answer: an access token and the next refresh token of the family. */
@Injectable()
export class TokenPairIssuer {
  constructor(
    private readonly accessTokens: AccessTokens,
    private readonly refreshTokens: RefreshTokens,
  ) {}

  async issue(manager: EntityManager, user: User, familyId: string): Promise<TokenPair> {
    const accessToken = await this.accessTokens.sign(user);
    const refreshToken = await this.refreshTokens.issue(manager, user.id, familyId);
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }
}
