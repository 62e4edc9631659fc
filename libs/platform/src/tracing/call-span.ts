import { CallerName, ownerOf } from '@app/contracts';
import { SpanKind } from '@opentelemetry/api';
import { MessageContext } from '../context/message-context';
import { KernelSpan } from './kernel-span';
import { Tracing } from './tracing';

/** The caller's side of one module call: child of the work in progress (a new trace without any). */
export function callSpan(tracing: Tracing, pattern: string, caller: CallerName, process: string): KernelSpan {
  return tracing.start(`call ${pattern}`, SpanKind.CLIENT, MessageContext.current()?.trace, {
    'archipelago.pattern': pattern,
    'archipelago.caller': caller,
    'archipelago.callee': ownerOf(pattern),
    'archipelago.callee_process': process,
  });
}
