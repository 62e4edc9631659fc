import { Actor, AuthContract, GATEWAY, MeRequest, UserView } from '@app/contracts';
import { Handles, MessageActor, MessageBody } from '@app/platform';
import { Controller } from '@nestjs/common';
import { MeService } from './me.service';

/** `auth.user.me.v1`: an empty payload; who is asking comes from the envelope's actor. */
@Controller()
export class MeHandler {
  constructor(private readonly users: MeService) {}

  @Handles(AuthContract.me, { callers: [GATEWAY] })
  me(@MessageBody() _request: MeRequest, @MessageActor() actor: Actor): Promise<UserView> {
    return this.users.me(actor);
  }
}
