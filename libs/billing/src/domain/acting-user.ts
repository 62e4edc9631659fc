import { Actor, UserActor } from '@app/contracts';
import { UnauthorizedException } from '@nestjs/common';

/** Billing acts for a person: every call but the plan list needs a user actor. */
export function actingUser(actor: Actor): UserActor {
  if (actor.kind !== 'user')
    throw new UnauthorizedException({ code: 'AUTHENTICATION_REQUIRED', message: 'billing acts for a signed-in user' });
  return actor;
}

export const isAdmin = (user: UserActor) => user.roles.includes('admin');
