import { AsyncLocalStorage } from 'node:async_hooks';

/** Runs a function in the async context (every AsyncLocalStorage store) captured earlier. */
export type InContext = <R>(work: () => R) => R;

/** The context of nothing in particular (captured when this file loads): no trace, no actor. */
export const outsideAnyContext: InContext = AsyncLocalStorage.snapshot();

/** The async context of the caller, to run work in later from somewhere else. */
export const currentContext = (): InContext => AsyncLocalStorage.snapshot();
