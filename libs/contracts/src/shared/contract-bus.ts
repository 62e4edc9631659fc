import { CallContract } from './contract';

/**
 * What a typed client needs to send a call. The platform provides one per calling module, so the
 * caller identity, trace context, deadline and signature are added without the client knowing.
 */
export abstract class ContractBus {
  abstract call<TRequest extends object, TResponse>(contract: CallContract<TRequest, TResponse>, request: TRequest): Promise<TResponse>;
}
