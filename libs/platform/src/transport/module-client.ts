import { EnvelopeMeta } from '../envelope/envelope';

/**
 * How this process reaches the handlers of one module: directly when it runs here, over a wire
 * otherwise (its process's TCP address, or its subjects on a bus). `call` answers the handler's
 * result, or rejects with a `ModuleCallError` (the handler's error, the deadline, the module
 * unreachable), a bare `ModuleErrorBody` (a handler's error that came over a wire) or any other
 * error (the module cannot be reached).
 */
export interface ModuleClient {
  call(meta: EnvelopeMeta, payload: object, waitMs: number): Promise<unknown>;
  close(): Promise<void> | void;
}
