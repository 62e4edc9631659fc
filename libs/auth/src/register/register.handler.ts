import { AuthContract, GATEWAY, RegisterRequest, UserView } from '@app/contracts';
import { Handles, MessageBody } from '@app/platform';
import { Controller } from '@nestjs/common';
import { RegisterService } from './register.service';

/** `auth.user.register.v1`: anyone may sign up, through the gateway. */
@Controller()
export class RegisterHandler {
  constructor(private readonly registration: RegisterService) {}

  @Handles(AuthContract.register, { callers: [GATEWAY] })
  register(@MessageBody() request: RegisterRequest): Promise<UserView> {
    return this.registration.register(request);
  }
}
