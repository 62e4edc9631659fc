import { AuthContract, GATEWAY, VerifiedToken, VerifyTokenRequest } from '@app/contracts';
import { Handles, MessageBody } from '@app/platform';
import { Controller } from '@nestjs/common';
import { AccessTokens } from '../tokens/access-tokens';

/**
 * `auth.token.verify.v1`: the hot path, called for every authenticated HTTP request and by any
 * module holding a token. Signature and claims only: no database.
 */
@Controller()
export class VerifyTokenHandler {
  constructor(private readonly accessTokens: AccessTokens) {}

  @Handles(AuthContract.verifyToken, { callers: [GATEWAY, 'billing', 'notification', 'audit'] })
  verify(@MessageBody() request: VerifyTokenRequest): Promise<VerifiedToken> {
    return this.accessTokens.verify(request.accessToken);
  }
}
