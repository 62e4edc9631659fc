import { Attributes, SpanKind } from '@opentelemetry/api';
import { TraceContext } from '../context/trace-context';
import { KernelSpan } from './kernel-span';
import { Tracing } from './tracing';

/** Starts the callee's side of one message: `(caller, parent) => span`. */
export type StartHandlerSpan = (caller: string, parent: TraceContext | undefined) => KernelSpan;

/**
 * The callee's side of every message one handler serves, refusals included: child of the caller's
 * call span (the envelope's `traceparent`). Made once per handler: its name is built once, and its
 * attributes once per calling module, frozen and shared by every span (spans only read them).
 */
export function handlerSpans(tracing: Tracing, pattern: string, module: string): StartHandlerSpan {
  const name = `handle ${pattern}`;
  const attributesByCaller = new Map<string, Attributes>();
  return (caller, parent) => {
    let attributes = attributesByCaller.get(caller);
    if (!attributes) {
      attributes = Object.freeze({ 'archipelago.pattern': pattern, 'archipelago.module': module, 'archipelago.caller': caller });
      attributesByCaller.set(caller, attributes);
    }
    return tracing.start(name, SpanKind.SERVER, parent, attributes);
  };
}
