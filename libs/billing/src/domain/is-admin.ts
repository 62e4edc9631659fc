import { UserActor } from '@app/contracts';

/** An admin may read anyone's invoices; everyone else only their own. */
export const isAdmin = (user: UserActor) => user.roles.includes('admin');
