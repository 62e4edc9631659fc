import { EnvelopeMeta } from '../../envelope/envelope';
import { HandlerTable } from '../../messaging/handler-table';
import { ModuleClient } from '../module-client';
import { withinDeadline } from '../within-deadline';
import { copyAsJson } from './copy-as-json';

/**
 * Calls a module of this process: the compiled handler runs directly — no serialisation to a
 * wire, no signature, no second validation — on a copy of the message, and the caller gets a
 * copy of the answer, so caller and callee never share a live object.
 */
export class LocalProcessClient implements ModuleClient {
  constructor(private readonly handlers: HandlerTable) {}

  call(meta: EnvelopeMeta, payload: object, waitMs: number): Promise<unknown> {
    const handler = this.handlers.get(meta.pattern);
    if (!handler) return Promise.reject(new Error(`no handler answers ${meta.pattern} in this process`));
    const message = copyAsJson({ meta, payload });
    return withinDeadline(handler(message.meta, message.payload), waitMs, meta.pattern).then(copyAsJson);
  }

  close(): void {}
}
