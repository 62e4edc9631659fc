import { Attributes, Span, SpanStatusCode } from '@opentelemetry/api';
import { TraceContext } from '../context/trace-context';
import { toModuleError } from '../errors/to-module-error';

/** The attribute every kernel span ends with: `ok`, or what went wrong (an error code, `duplicate`, an HTTP status). */
export const OUTCOME = 'archipelago.outcome';

/**
 * One unit of work being traced: a module call, a handler, a transaction, an event's delivery, an
 * HTTP request. `trace` is the context the work runs in — the same trace ID, this span's ID — so
 * whatever the work starts (the next call's `traceparent`) names this span as its parent.
 */
export interface KernelSpan {
  readonly trace: TraceContext;
  rename(name: string): void;
  set(attributes: Attributes): void;
  /** Ends the span; `failed` marks it ERROR. */
  end(outcome?: string, failed?: boolean): void;
  /** Ends the span as failed, with the error's code (`toModuleError`) as outcome and its message as status. */
  fail(error: unknown): void;
}

/** A span of the OpenTelemetry SDK (recording, or not when its trace is not sampled), when spans are exported. */
export class OtelSpan implements KernelSpan {
  readonly trace: TraceContext;

  constructor(private readonly span: Span) {
    const { traceId, spanId, traceFlags } = span.spanContext();
    this.trace = (traceFlags & 1) === 1 ? { traceId, spanId } : { traceId, spanId, sampled: false };
  }

  rename(name: string): void {
    this.span.updateName(name);
  }

  set(attributes: Attributes): void {
    this.span.setAttributes(attributes);
  }

  end(outcome = 'ok', failed = false): void {
    this.span.setAttribute(OUTCOME, outcome);
    if (failed) this.span.setStatus({ code: SpanStatusCode.ERROR });
    this.span.end();
  }

  fail(error: unknown): void {
    const { code, message } = toModuleError(error);
    this.span.setAttribute(OUTCOME, code);
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: `${code}: ${message}` });
    this.span.end();
  }
}

/** With tracing off: no span, only the next hop's IDs, as the kernel made them before traces. */
export class UntracedSpan implements KernelSpan {
  constructor(readonly trace: TraceContext) {}
  rename(): void {}
  set(): void {}
  end(): void {}
  fail(): void {}
}
