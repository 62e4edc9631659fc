import { ANONYMOUS_ACTOR, AuthClient, VerifiedToken } from '@app/contracts';
import { MessageContext } from '@app/platform';
import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { GatewayRequest } from './gateway-request';
import { VerifiedTokenCache } from './verified-token.cache';

/**
 * Requires `Authorization: Bearer <access token>` and asks the auth module who it belongs to
 * (or remembers its answer for a short while). 401 when missing or invalid; what the user may do
 * is decided by each module (403).
 */
@Injectable()
export class AuthenticatedGuard implements CanActivate {
  constructor(
    private readonly auth: AuthClient,
    private readonly verifiedTokens: VerifiedTokenCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new UnauthorizedException({ code: 'AUTHENTICATION_REQUIRED', message: 'send Authorization: Bearer <access token>' });
    }
    const verified = this.verifiedTokens.get(token) ?? (await this.verify(request, token));
    request.actor = { kind: 'user', id: verified.userId, roles: verified.roles };
    const requestContext = MessageContext.current();
    if (requestContext) requestContext.actor = request.actor;
    return true;
  }

  private async verify(request: GatewayRequest, token: string): Promise<VerifiedToken> {
    const asAnonymous = { trace: request.trace, actor: ANONYMOUS_ACTOR, module: 'gateway' };
    const verified = await MessageContext.run(asAnonymous, () => this.auth.verifyToken({ accessToken: token }));
    this.verifiedTokens.remember(token, verified);
    return verified;
  }
}
