import { Actor } from '@app/contracts';
import { AsyncLocalStorage } from 'node:async_hooks';
import { TraceContext } from './trace-context';

/** What is true for the work in progress: whose request, which trace, until when. */
export interface MessageContextData {
  trace: TraceContext;
  actor: Actor;
  /** The module (or `gateway`) doing the work now; shown in logs. */
  module: string;
  /** Epoch ms after which nobody waits for the result any more. */
  deadline?: number;
}

const storage = new AsyncLocalStorage<MessageContextData>();

/** Ambient context, carried across awaits with AsyncLocalStorage. */
export const MessageContext = {
  run<T>(context: MessageContextData, work: () => T): T {
    return storage.run(context, work);
  },
  /**
   * Makes `context` current for the rest of this execution and what it starts: for an edge whose
   * framework runs a request's stages from hooks (the gateway's `onRequest`), where no `run` can wrap them.
   */
  enter(context: MessageContextData): void {
    storage.enterWith(context);
  },
  current(): MessageContextData | undefined {
    return storage.getStore();
  },
};
