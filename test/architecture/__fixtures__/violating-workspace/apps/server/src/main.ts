import { AuthModule } from '@app/auth';
import { User } from '@app/auth';

export { AuthModule, User };
