import { Actor, UserView } from '@app/contracts';
import { ModuleDatabase } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { AuthErrors } from '../auth.errors';
import { User } from '../database/user.entity';
import { toUserView } from '../users/user-view.mapper';

/** The account of the acting user, as stored now (roles may have changed since the token). */
@Injectable()
export class MeService {
  constructor(private readonly db: ModuleDatabase) {}

  async me(actor: Actor): Promise<UserView> {
    if (actor.kind !== 'user') throw AuthErrors.authenticationRequired();
    const user = await this.db.read((manager) => manager.findOneBy(User, { id: actor.id }));
    if (!user) throw AuthErrors.userNotFound();
    return toUserView(user);
  }
}
