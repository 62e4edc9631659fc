import { childOf, formatTraceparent, newTrace, parseTraceparent } from './trace-context';

describe('trace context', () => {
  it('reads a W3C traceparent header', () => {
    expect(parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')).toEqual({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
    });
  });

  it('keeps an unsampled flag from one hop to the next', () => {
    const unsampled = parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00')!;
    expect(unsampled.sampled).toBe(false);
    expect(formatTraceparent(childOf(unsampled))).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-00$/);
  });

  it.each([
    '',
    'garbage',
    '00-00000000000000000000000000000000-b7ad6b7169203331-01',
    '00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01',
  ])('ignores an invalid header %p', (header) => expect(parseTraceparent(header)).toBeUndefined());

  it('keeps the trace ID and makes a new span for the next hop', () => {
    const trace = newTrace();
    const child = childOf(trace);
    expect(child.traceId).toBe(trace.traceId);
    expect(child.spanId).not.toBe(trace.spanId);
    expect(parseTraceparent(formatTraceparent(child))).toEqual(child);
  });
});
