import { EnvelopeMeta } from '../envelope/envelope';

/**
 * How this process reaches the handlers of one process: its own directly, another over a wire.
 * `call` answers the handler's result, or rejects with a `ModuleCallError` (the handler's error,
 * or the deadline), a bare `ModuleErrorBody` (a handler's error that came over a wire) or any
 * other error (the process cannot be reached).
 */
export interface ProcessClient {
  call(meta: EnvelopeMeta, payload: object, waitMs: number): Promise<unknown>;
  close(): Promise<void> | void;
}
