import { UserView } from '@app/contracts';
import { User } from '../database/user.entity';

/** What the contract shows of a user: never the hash, never the login streak. */
export function toUserView(user: User): UserView {
  return { id: user.id, email: user.email, roles: user.roles, createdAt: user.createdAt };
}
