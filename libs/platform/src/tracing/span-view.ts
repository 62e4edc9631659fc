import { TraceSpan } from '@app/contracts';
import { HrTime, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ReadableSpan } from '@opentelemetry/sdk-trace-base';

const KINDS: Record<SpanKind, string> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

const STATUSES: Record<SpanStatusCode, string> = {
  [SpanStatusCode.UNSET]: 'unset',
  [SpanStatusCode.OK]: 'ok',
  [SpanStatusCode.ERROR]: 'error',
};

const micros = ([seconds, nanos]: HrTime): number => seconds * 1_000_000 + Math.round(nanos / 1000);

/** What the built-in view reads of a finished span: an SDK `ReadableSpan`, or a `RecordedSpan`. */
export type SpanRecord = Pick<
  ReadableSpan,
  'name' | 'kind' | 'spanContext' | 'parentSpanContext' | 'startTime' | 'duration' | 'status' | 'attributes'
>;

/** A finished span as the plain JSON `platform.traces.read.v1` answers. */
export function toTraceSpan(span: SpanRecord, process: string): TraceSpan {
  const attributes: TraceSpan['attributes'] = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = value;
  }
  const view: TraceSpan = {
    name: span.name,
    process,
    spanId: span.spanContext().spanId,
    kind: KINDS[span.kind],
    startMicros: micros(span.startTime),
    durationMicros: micros(span.duration),
    status: STATUSES[span.status.code],
    attributes,
  };
  if (span.parentSpanContext) view.parentSpanId = span.parentSpanContext.spanId;
  if (span.status.message) view.statusMessage = span.status.message;
  return view;
}
