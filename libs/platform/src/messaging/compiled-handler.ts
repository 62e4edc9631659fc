import { EnvelopeMeta } from '../envelope/envelope';

/**
 * One handler with everything around it, assembled once at start: policy, validation, context,
 * the method itself, error mapping and audit stamps. It answers the handler's result, or
 * rejects with a `ModuleCallError` carrying the `ModuleErrorBody` — the one error shape that
 * crosses module boundaries.
 * In-process calls run it directly; transports run it after checking the envelope.
 */
export type CompiledHandler = (meta: EnvelopeMeta, payload: unknown) => Promise<unknown>;
