import { AuthTables1732492800000 } from './auth-tables.migration';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';

/** What the auth module's own DataSource holds (the kernel adds its outbox and inbox). */
export const AUTH_ENTITIES = [User, RefreshToken];
export const AUTH_MIGRATIONS = [AuthTables1732492800000];
