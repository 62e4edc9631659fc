import { AuditContract } from './audit';
import { AuthContract } from './auth';
import { BillingContract } from './billing';
import { NotificationContract } from './notification';
import { CallContract, ModuleName } from './shared';

/** Each module's published calls: what `GET /topology` lists as its contract. */
export const MODULE_CONTRACTS: Readonly<Record<ModuleName, readonly CallContract<object, unknown>[]>> = {
  auth: Object.values(AuthContract),
  audit: Object.values(AuditContract),
  billing: Object.values(BillingContract),
  notification: Object.values(NotificationContract),
};
