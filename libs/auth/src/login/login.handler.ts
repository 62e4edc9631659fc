import { AuthContract, GATEWAY, LoginRequest, TokenPair } from '@app/contracts';
import { Handles, MessageBody } from '@app/platform';
import { Controller } from '@nestjs/common';
import { LoginService } from './login.service';

/** `auth.session.login.v1`: a new session (a new refresh-token family) per successful login. */
@Controller()
export class LoginHandler {
  constructor(private readonly logins: LoginService) {}

  @Handles(AuthContract.login, { callers: [GATEWAY] })
  login(@MessageBody() request: LoginRequest): Promise<TokenPair> {
    return this.logins.login(request);
  }
}
