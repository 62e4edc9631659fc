import { SpanKind } from '@opentelemetry/api';
import { TraceContext } from '../context/trace-context';
import { KernelSpan } from './kernel-span';
import { Tracing } from './tracing';

/** The callee's side of one message, refusals included: child of the caller's call span (the envelope's `traceparent`). */
export function handlerSpan(
  tracing: Tracing,
  pattern: string,
  module: string,
  caller: string,
  parent: TraceContext | undefined,
): KernelSpan {
  return tracing.start(`handle ${pattern}`, SpanKind.SERVER, parent, {
    'archipelago.pattern': pattern,
    'archipelago.module': module,
    'archipelago.caller': caller,
  });
}
