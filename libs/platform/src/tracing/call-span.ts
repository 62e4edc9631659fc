import { CallerName, ownerOf } from '@app/contracts';
import { Attributes, SpanKind } from '@opentelemetry/api';
import { TraceContext } from '../context/trace-context';
import { KernelSpan } from './kernel-span';
import { Tracing } from './tracing';

interface CallSpanShape {
  name: string;
  attributes: Attributes;
}

function getOrMake<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/**
 * The caller's side of module calls: each a child of `parent`, the trace the call belongs to (a
 * new trace without one). The name and the attributes of a pattern, caller and callee are built on their first call,
 * frozen, and shared by every span after it (spans only read them): maps keyed by pattern, then
 * caller, then callee, so looking them up allocates nothing.
 */
export class CallSpans {
  private readonly shapes = new Map<string, Map<CallerName, Map<string, CallSpanShape>>>();

  constructor(private readonly tracing: Tracing) {}

  start(pattern: string, caller: CallerName, callee: string, parent: TraceContext | undefined): KernelSpan {
    const byCaller = getOrMake(this.shapes, pattern, () => new Map<CallerName, Map<string, CallSpanShape>>());
    const byCallee = getOrMake(byCaller, caller, () => new Map<string, CallSpanShape>());
    const { name, attributes } = getOrMake(byCallee, callee, () => ({
      name: `call ${pattern}`,
      attributes: Object.freeze({
        'archipelago.pattern': pattern,
        'archipelago.caller': caller,
        'archipelago.callee': ownerOf(pattern),
        'archipelago.callee_process': callee,
      }),
    }));
    return this.tracing.start(name, SpanKind.CLIENT, parent, attributes);
  }
}
