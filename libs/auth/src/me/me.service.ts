import { UserActor, UserView } from '@app/contracts';
import { ModuleDatabase, PreparedLookup } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { AuthErrors } from '../auth.errors';
import { User } from '../database/user.entity';
import { toUserView } from '../users/user-view.mapper';

/** The account of the acting user, as stored now (roles may have changed since the token). */
@Injectable()
export class MeService {
  /** Every authenticated `GET /auth/me` runs this: prepared once. */
  private readonly findUser: PreparedLookup<User>;

  constructor(db: ModuleDatabase) {
    this.findUser = db.byId(User);
  }

  async me(actor: UserActor): Promise<UserView> {
    const user = await this.findUser(actor.id);
    if (!user) throw AuthErrors.userNotFound();
    return toUserView(user);
  }
}
