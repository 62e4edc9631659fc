import { AuthContract, GATEWAY, MeRequest, UserActor, UserView } from '@app/contracts';
import { Handles, MessageBody, SignedInUser } from '@app/platform';
import { Controller } from '@nestjs/common';
import { MeService } from './me.service';

/** `auth.user.me.v1`: an empty payload; who is asking is the envelope's signed-in user. */
@Controller()
export class MeHandler {
  constructor(private readonly users: MeService) {}

  @Handles(AuthContract.me, { callers: [GATEWAY] })
  me(@MessageBody() _request: MeRequest, @SignedInUser() user: UserActor): Promise<UserView> {
    return this.users.me(user);
  }
}
