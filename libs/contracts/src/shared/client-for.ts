import { CallContract } from './contract';
import { ContractBus } from './contract-bus';
import { ModuleCalls } from './define-contract';

/**
 * The method a client has for one call: the request in, a promise of the response out. A request
 * with no required field may be left out (`billing.listPlans()`); it is sent as `{}`.
 */
export type ClientMethod<TCall> =
  TCall extends CallContract<infer TRequest extends object, infer TResponse>
    ? Partial<TRequest> extends TRequest
      ? (request?: TRequest) => Promise<TResponse>
      : (request: TRequest) => Promise<TResponse>
    : never;

/** One method per entry of a contract, named like the entry. */
export type ContractClient<TCalls extends ModuleCalls> = { readonly [Operation in keyof TCalls]: ClientMethod<TCalls[Operation]> };

/** What `clientFor` returns: a class the kernel builds on the ContractBus of the calling module. */
export type ContractClientClass<TCalls extends ModuleCalls> = new (bus: ContractBus) => ContractClient<TCalls>;

/**
 * The typed client of a contract, written by no one: each method sends its call through the
 * caller's ContractBus, which the kernel routes to the module that owns the pattern, as the caller,
 * with the trace and deadline of the work in progress (and signed wherever it leaves the process).
 * A wrong request shape is a compile error at the call site.
 *
 * @example export class BillingClient extends clientFor(BillingContract) {}
 *          // then, in a caller: constructor(private readonly billing: BillingClient) {}
 *          //                     await this.billing.createSubscription({ planId, paymentToken });
 */
export function clientFor<TCalls extends ModuleCalls>(contract: TCalls): ContractClientClass<TCalls> {
  class Client {
    constructor(bus: ContractBus) {
      for (const [operation, call] of Object.entries(contract)) {
        const send = (request: object = {}) => bus.call(call, request);
        Object.defineProperty(this, operation, { value: send, enumerable: true });
      }
    }
  }
  return Client as ContractClientClass<TCalls>;
}
