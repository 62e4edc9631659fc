import { Attributes, HrTime, SpanContext, SpanKind, SpanStatus, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { performance } from 'node:perf_hooks';
import { TraceContext } from '../context/trace-context';
import { toModuleError } from '../errors/to-module-error';
import { KernelSpan, OUTCOME } from './kernel-span';
import { SpanRecord } from './span-view';

/**
 * A span recorded without the SDK, for when spans go nowhere but the built-in store (ADR 0027,
 * amendment). The store keeps it until newer traces push its trace out — long enough for it to
 * outlive a young-generation collection or two — so it is as small as a span can be: one object,
 * which the kernel drives (`KernelSpan`) and the view reads (`SpanRecord`), plus the trace context
 * its work runs in. Its IDs are the kernel's own (`childOf`, `newTrace`), its clock is
 * `performance.now()`, and it hands itself to `finished` when it ends.
 *
 * What it starts with is the caller's attributes object, read and never written, so a call site
 * can share one per pattern and caller (`handlerSpans`, `CallSpans`). What `set` adds, the outcome
 * and the status are fields of their own; the OpenTelemetry shapes (`spanContext()`, `attributes`,
 * `startTime`, …) are built only when `GET /traces` reads them. Events, links and exceptions are
 * not kept: the kernel adds none and the built-in view shows none.
 */
export class RecordedSpan implements KernelSpan, SpanRecord {
  private readonly startedAt = performance.now();
  private endedAt = -1;
  private outcome?: string;
  private added?: Attributes;
  private failure?: string;
  private failed = false;

  constructor(
    public name: string,
    readonly kind: SpanKind,
    /** This span's IDs: the trace context its work runs in. */
    readonly trace: TraceContext,
    private readonly parentSpanId: string | undefined,
    private readonly initial: Attributes,
    private readonly finished: (span: RecordedSpan) => void,
  ) {}

  rename(name: string): void {
    if (this.endedAt < 0) this.name = name;
  }

  set(attributes: Attributes): void {
    if (this.endedAt >= 0) return;
    const added = (this.added ??= {});
    for (const key in attributes) added[key] = attributes[key];
  }

  end(outcome = 'ok', failed = false): void {
    if (this.endedAt >= 0) return;
    this.outcome = outcome;
    this.failed = failed;
    this.endedAt = performance.now();
    this.finished(this);
  }

  fail(error: unknown): void {
    if (this.endedAt >= 0) return;
    const { code, message } = toModuleError(error);
    this.failure = `${code}: ${message}`;
    this.end(code, true);
  }

  spanContext(): SpanContext {
    return { traceId: this.trace.traceId, spanId: this.trace.spanId, traceFlags: TraceFlags.SAMPLED };
  }

  get parentSpanContext(): SpanContext | undefined {
    const { parentSpanId } = this;
    return parentSpanId === undefined ? undefined : { traceId: this.trace.traceId, spanId: parentSpanId, traceFlags: TraceFlags.SAMPLED };
  }

  get startTime(): HrTime {
    return millisToHrTime(performance.timeOrigin + this.startedAt);
  }

  get duration(): HrTime {
    return millisToHrTime(this.endedAt < 0 ? 0 : this.endedAt - this.startedAt);
  }

  get status(): SpanStatus {
    if (!this.failed) return { code: SpanStatusCode.UNSET };
    return this.failure === undefined ? { code: SpanStatusCode.ERROR } : { code: SpanStatusCode.ERROR, message: this.failure };
  }

  get attributes(): Attributes {
    return this.outcome === undefined ? { ...this.initial, ...this.added } : { ...this.initial, ...this.added, [OUTCOME]: this.outcome };
  }
}
