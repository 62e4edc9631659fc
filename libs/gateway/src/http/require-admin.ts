import { Actor, UserActor } from '@app/contracts';
import { ForbiddenException } from '@nestjs/common';

/** The role auth gives administrators (auth's ADMIN_ROLE; the gateway may not import auth). */
const ADMIN_ROLE = 'admin';

/** The admin asking, or 403 `FORBIDDEN` saying what only admins may do. */
export function requireAdmin(actor: Actor | undefined, onlyAdminsMay: string): UserActor {
  if (actor?.kind !== 'user' || !actor.roles.includes(ADMIN_ROLE))
    throw new ForbiddenException({ code: 'FORBIDDEN', message: `only admins may ${onlyAdminsMay}` });
  return actor;
}
