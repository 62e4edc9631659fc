import { SYSTEM_ACTOR } from '@app/contracts';
import { MessageContext, ModuleDatabase, newTrace, PLATFORM_CONFIG, PlatformConfig } from '@app/platform';
import { ConflictException, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ADMIN_ROLE, USER_ROLE } from '../auth.constants';
import { User } from '../database/user.entity';
import { RegisterService } from '../register/register.service';
import { normalizeEmail } from '../users/normalize-email';

/**
 * Creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD at start if that account is missing.
 * It registers like anyone else, as the system actor on a trace of its own, so the audit log
 * shows `auth.user.registered.v1` for it.
 */
@Injectable()
export class AdminSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminSeeder');

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly db: ModuleDatabase,
    private readonly registration: RegisterService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin) return;
    await MessageContext.run({ trace: newTrace(), actor: SYSTEM_ACTOR, module: 'auth' }, () => this.seed(admin));
  }

  private async seed(admin: { email: string; password: string }): Promise<void> {
    const email = normalizeEmail(admin.email);
    if (await this.db.read((manager) => manager.existsBy(User, { email }))) return;
    try {
      const user = await this.registration.register({ email, password: admin.password }, [USER_ROLE, ADMIN_ROLE]);
      this.logger.log(`created the first admin ${user.email}`);
    } catch (error) {
      if (error instanceof ConflictException) return;
      throw new Error(`could not create the admin account from ADMIN_EMAIL: ${(error as Error).message}`);
    }
  }
}
