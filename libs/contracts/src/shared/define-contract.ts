import { CallContract, ownerOf } from './contract';
import { ModuleName } from './module-names';

/** A module's calls by operation name: `{ createSubscription: command(…).returns<…>(), … }`. */
export type ModuleCalls = Readonly<Record<string, CallContract<object, unknown>>>;

/**
 * Names a client would inherit from Object or be mistaken by: an object with a `then` method is
 * awaited as if it were a promise (Nest awaits what a provider factory returns).
 */
const RESERVED_OPERATIONS = new Set(['then', 'constructor', 'toString', 'valueOf', 'toJSON']);

/**
 * Every call one module answers, stated once: handlers name an entry (`@Handles(BillingContract.
 * refundInvoice, …)`), `clientFor` turns the same object into the typed client, and the catalogue
 * and the contract gate read its entries. Each pattern must start with the module's name, since
 * a call is routed to the module its pattern names; a mistake stops the process at start.
 *
 * @example export const BillingContract = defineContract('billing', {
 *   listPlans: query('billing.plans.list.v1', ListPlansRequest).returns<PlanList>(),
 * });
 */
export function defineContract<TCalls extends ModuleCalls>(module: ModuleName, calls: TCalls): Readonly<TCalls> {
  for (const [operation, call] of Object.entries(calls)) {
    if (ownerOf(call.pattern) !== module) {
      throw new Error(`${module}'s contract: ${operation} is "${call.pattern}"; every pattern of ${module} must start with "${module}."`);
    }
    if (RESERVED_OPERATIONS.has(operation)) {
      throw new Error(
        `${module}'s contract: "${operation}" cannot name an operation (a client would inherit or be awaited by it); rename it`,
      );
    }
  }
  return Object.freeze({ ...calls });
}
