import { CallerName, ownerOf } from '@app/contracts';
import { SpanKind } from '@opentelemetry/api';
import { TraceContext } from '../context/trace-context';
import { KernelSpan } from './kernel-span';
import { Tracing } from './tracing';

/** The caller's side of one module call: child of `parent`, the trace the call belongs to (a new trace without one). */
export function callSpan(
  tracing: Tracing,
  pattern: string,
  caller: CallerName,
  process: string,
  parent: TraceContext | undefined,
): KernelSpan {
  return tracing.start(`call ${pattern}`, SpanKind.CLIENT, parent, {
    'archipelago.pattern': pattern,
    'archipelago.caller': caller,
    'archipelago.callee': ownerOf(pattern),
    'archipelago.callee_process': process,
  });
}
