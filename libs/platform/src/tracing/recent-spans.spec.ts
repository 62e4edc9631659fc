import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { RecentSpans } from './recent-spans';

describe('the in-memory store of recent spans', () => {
  const store = new RecentSpans(3, 5);
  const tracer = new BasicTracerProvider({ spanProcessors: [store] }).getTracer('test');
  const oneSpanTrace = (): string => {
    const span = tracer.startSpan('root');
    span.end();
    return span.spanContext().traceId;
  };

  it('keeps at most its number of traces, forgetting the one seen first', () => {
    const traceIds = [oneSpanTrace(), oneSpanTrace(), oneSpanTrace(), oneSpanTrace()];
    expect(store.size).toBe(3);
    expect(store.spansOf(traceIds[0])).toEqual([]);
    for (const traceId of traceIds.slice(1)) expect(store.spansOf(traceId).map((span) => span.name)).toEqual(['root']);
  });

  it('goes on forgetting the oldest trace, round after round', () => {
    const traceIds = Array.from({ length: 10 }, oneSpanTrace);
    expect(store.size).toBe(3);
    expect(traceIds.filter((traceId) => store.spansOf(traceId).length > 0)).toEqual(traceIds.slice(7));
  });

  it('keeps at most its number of spans of one trace', () => {
    const root = tracer.startSpan('root');
    const inRoot = trace.setSpan(ROOT_CONTEXT, root);
    for (let i = 0; i < 8; i++) tracer.startSpan(`child ${i}`, {}, inRoot).end();
    root.end();
    expect(store.spansOf(root.spanContext().traceId)).toHaveLength(5);
  });
});
