import { randomHex } from './random-hex';

/** W3C Trace Context: `00-<32 hex trace-id>-<16 hex parent-id>-<2 hex flags>`. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ALL_ZERO = /^0+$/;

export interface TraceContext {
  traceId: string;
  spanId: string;
  /** `false` when the trace is not sampled (flags `00`): its spans are not recorded. Absent means sampled. */
  sampled?: false;
}

export function parseTraceparent(header: string | undefined): TraceContext | undefined {
  const match = header ? TRACEPARENT.exec(header.trim().toLowerCase()) : null;
  if (!match || ALL_ZERO.test(match[1]) || ALL_ZERO.test(match[2])) return undefined;
  const sampled = (parseInt(match[3], 16) & 1) === 1;
  return sampled ? { traceId: match[1], spanId: match[2] } : { traceId: match[1], spanId: match[2], sampled: false };
}

export function newTrace(): TraceContext {
  return { traceId: randomHex(16), spanId: newSpanId() };
}

export function newSpanId(): string {
  return randomHex(8);
}

/** The same trace, one hop further: a new span whose parent is the current one. */
export function childOf(trace: TraceContext): TraceContext {
  const spanId = newSpanId();
  return trace.sampled === false ? { traceId: trace.traceId, spanId, sampled: false } : { traceId: trace.traceId, spanId };
}

export function formatTraceparent(trace: TraceContext): string {
  return `00-${trace.traceId}-${trace.spanId}-${trace.sampled === false ? '00' : '01'}`;
}
