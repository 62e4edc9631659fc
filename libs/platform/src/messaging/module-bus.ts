import { CallContract, CallerName, ContractBus, isModuleName, ownerOf } from '@app/contracts';
import { Topology } from '../config/topology';
import { ModuleCallError } from '../errors/module-call.error';
import { MessageSender } from './message-sender';

/**
 * The ContractBus of one caller: sends a contract's call to the contract's owner, wherever it
 * runs, as this caller. Typed clients are built on it.
 */
export class ModuleBus extends ContractBus {
  constructor(
    readonly caller: CallerName,
    private readonly sender: MessageSender,
    private readonly topology: Topology,
  ) {
    super();
  }

  call<TRequest extends object, TResponse>(contract: CallContract<TRequest, TResponse>, request: TRequest): Promise<TResponse> {
    const owner = ownerOf(contract.pattern);
    if (!isModuleName(owner) || !this.topology.isDeployed(owner)) {
      return Promise.reject(ModuleCallError.unavailable(`module "${owner}"`, `it is not deployed in topology "${this.topology.name}"`));
    }
    return this.sender.send<TResponse>(owner, contract.pattern, request, this.caller);
  }
}
