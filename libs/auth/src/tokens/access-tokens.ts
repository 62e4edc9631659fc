import { VerifiedToken } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthErrors } from '../auth.errors';
import { User } from '../database/user.entity';
import { AccessTokenClaims, isAccessTokenClaims } from './access-token.claims';

/** Signs and checks access tokens. No database: everything a caller needs is in the token. */
@Injectable()
export class AccessTokens {
  constructor(private readonly jwt: JwtService) {}

  sign(user: User): Promise<string> {
    const claims: Omit<AccessTokenClaims, 'sub' | 'iat' | 'exp'> = { email: user.email, roles: user.roles };
    return this.jwt.signAsync(claims, { subject: user.id });
  }

  async verify(token: string): Promise<VerifiedToken> {
    const claims = await this.jwt.verifyAsync<object>(token).catch(() => undefined);
    if (!isAccessTokenClaims(claims)) throw AuthErrors.invalidToken();
    return { userId: claims.sub, email: claims.email, roles: claims.roles, expiresAt: claims.exp };
  }
}
