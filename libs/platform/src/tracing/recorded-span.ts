import { hrTimeToMilliseconds, millisToHrTime, timeInputToHrTime } from '@opentelemetry/core';
import {
  Attributes,
  AttributeValue,
  HrTime,
  Span,
  SpanContext,
  SpanKind,
  SpanStatus,
  SpanStatusCode,
  TimeInput,
  TraceFlags,
} from '@opentelemetry/api';
import { performance } from 'node:perf_hooks';
import { SpanRecord } from './span-view';

const UNSET: SpanStatus = { code: SpanStatusCode.UNSET };

/**
 * A span of the OpenTelemetry API (`Span`) recorded without the SDK, for when spans go nowhere but
 * the built-in store (ADR 0027, amendment): its IDs are the kernel's own (`childOf`, `newTrace`),
 * its parent is a span ID, its clock is `performance.now()`, and it hands itself to `finished` when
 * it ends; the view's times are computed on read. Events, links and exceptions are dropped: the
 * kernel adds none and the built-in view shows none.
 */
export class RecordedSpan implements Span, SpanRecord {
  private readonly context: SpanContext;
  private readonly startedAt = performance.now();
  private endedAt?: number;
  status: SpanStatus = UNSET;

  constructor(
    public name: string,
    readonly kind: SpanKind,
    traceId: string,
    spanId: string,
    private readonly parentSpanId: string | undefined,
    /** Kept as given, not copied: every kernel span gets an object of its own. */
    readonly attributes: Attributes,
    private readonly finished: (span: RecordedSpan) => void,
  ) {
    this.context = { traceId, spanId, traceFlags: TraceFlags.SAMPLED };
  }

  spanContext(): SpanContext {
    return this.context;
  }

  get parentSpanContext(): SpanContext | undefined {
    const { parentSpanId } = this;
    return parentSpanId === undefined ? undefined : { traceId: this.context.traceId, spanId: parentSpanId, traceFlags: TraceFlags.SAMPLED };
  }

  get startTime(): HrTime {
    return millisToHrTime(performance.timeOrigin + this.startedAt);
  }

  get duration(): HrTime {
    return millisToHrTime((this.endedAt ?? this.startedAt) - this.startedAt);
  }

  setAttribute(key: string, value: AttributeValue | undefined): this {
    if (this.endedAt === undefined && value !== undefined) this.attributes[key] = value;
    return this;
  }

  setAttributes(attributes: Attributes): this {
    for (const key in attributes) this.setAttribute(key, attributes[key]);
    return this;
  }

  addEvent(): this {
    return this;
  }

  addLink(): this {
    return this;
  }

  addLinks(): this {
    return this;
  }

  setStatus(status: SpanStatus): this {
    if (this.endedAt === undefined) this.status = status;
    return this;
  }

  updateName(name: string): this {
    if (this.endedAt === undefined) this.name = name;
    return this;
  }

  end(endTime?: TimeInput): void {
    if (this.endedAt !== undefined) return;
    this.endedAt = endTime === undefined ? performance.now() : hrTimeToMilliseconds(timeInputToHrTime(endTime)) - performance.timeOrigin;
    this.finished(this);
  }

  isRecording(): boolean {
    return this.endedAt === undefined;
  }

  recordException(): void {}
}
