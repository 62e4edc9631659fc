import { AuthModule } from '@app/auth';
import { EnvelopeSigner } from '@app/platform/src/envelope/envelope-signer';
import { User } from '../../auth/src/user.entity';

export const emails = 'SELECT email FROM users WHERE id = ?';
export { AuthModule, EnvelopeSigner, User };
