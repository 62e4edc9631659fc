export { User } from './user.entity';
