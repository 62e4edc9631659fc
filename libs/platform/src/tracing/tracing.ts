import { Attributes, ROOT_CONTEXT, Sampler, SamplingDecision, SpanKind, trace, TraceFlags, Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  SpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { TraceSpan } from '@app/contracts';
import { OnApplicationShutdown } from '@nestjs/common';
import { MessageContext, MessageContextData } from '../context/message-context';
import { childOf, newTrace, TraceContext } from '../context/trace-context';
import { KernelSpan, OtelSpan, UntracedSpan } from './kernel-span';
import { RecentSpans } from './recent-spans';
import { RecordedSpan } from './recorded-span';
import { toTraceSpan } from './span-view';
import { TracingSettings } from './tracing-settings';

export const SERVICE_NAME = 'archipelago';

/**
 * This process's OpenTelemetry tracer (ADR 0027): sampling parent-based with `TRACES_SAMPLE_RATIO`
 * for new traces, spans kept in memory (`TRACES_KEPT`) and sent over OTLP/HTTP when an endpoint is
 * configured. No context manager: every span gets its parent explicitly from the kernel's own
 * `TraceContext` (the `MessageContext`, or an envelope's `traceparent`).
 *
 * With an OTLP endpoint, spans are the SDK's: one `BasicTracerProvider`, resource
 * `service.name=archipelago` and `service.instance.id=<PROCESS>`, `RecentSpans` and the batch
 * exporter as its processors. With only the store to fill (the default), each span is a
 * `RecordedSpan` handed straight to `RecentSpans`: the SDK's provider, contexts, ID generator and
 * processors cost a kernel call more than the call itself (ADR 0027, amendment). With nothing to
 * keep and nowhere to send, spans cost an ID.
 */
export class Tracing implements OnApplicationShutdown {
  readonly recent?: RecentSpans;
  /** Whether spans are recorded at all (somewhere to keep or send them). */
  readonly enabled: boolean;
  private readonly provider?: BasicTracerProvider;
  private readonly tracer?: Tracer;
  /** Without the SDK: who decides whether a new trace is recorded (undefined: all are). */
  private readonly rootSampler?: Sampler;
  private readonly record = (span: RecordedSpan): void => this.recent!.add(span);

  constructor(
    readonly processName: string,
    settings: TracingSettings,
  ) {
    const processors: SpanProcessor[] = [];
    if (settings.kept > 0) processors.push((this.recent = new RecentSpans(settings.kept)));
    this.enabled = processors.length > 0 || settings.otlpEndpoint !== undefined;
    if (!settings.otlpEndpoint) {
      if (this.recent && settings.sampleRatio < 1) this.rootSampler = new TraceIdRatioBasedSampler(settings.sampleRatio);
      return;
    }
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.otlpEndpoint })));
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': SERVICE_NAME, 'service.instance.id': processName }),
      sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
      spanProcessors: processors,
    });
    this.tracer = this.provider.getTracer('archipelago-kernel');
  }

  /**
   * A new span, child of `parent` (a new trace without one). Its `trace` is what the work runs in.
   * `attributes` are read, never written: a caller may pass the same object to every span.
   */
  start(name: string, kind: SpanKind, parent: TraceContext | undefined, attributes: Attributes): KernelSpan {
    // A child of an unsampled span is not sampled either (parent-based): skip the SDK, keep the flag.
    if (!this.enabled || parent?.sampled === false) return new UntracedSpan(parent ? childOf(parent) : newTrace());
    if (!this.tracer) return this.recorded(name, kind, parent, attributes);
    const parentContext = parent
      ? trace.setSpanContext(ROOT_CONTEXT, {
          traceId: parent.traceId,
          spanId: parent.spanId,
          traceFlags: parent.sampled === false ? TraceFlags.NONE : TraceFlags.SAMPLED,
          isRemote: true,
        })
      : ROOT_CONTEXT;
    return new OtelSpan(this.tracer.startSpan(name, { kind, attributes }, parentContext));
  }

  /** Without the SDK: the kernel's own IDs, the sampler consulted for a new trace only. */
  private recorded(name: string, kind: SpanKind, parent: TraceContext | undefined, attributes: Attributes): KernelSpan {
    const ids = parent ? childOf(parent) : newTrace();
    const decision = parent ? undefined : this.rootSampler?.shouldSample(ROOT_CONTEXT, ids.traceId, name, kind, attributes, []).decision;
    if (decision !== undefined && decision !== SamplingDecision.RECORD_AND_SAMPLED)
      return new UntracedSpan({ traceId: ids.traceId, spanId: ids.spanId, sampled: false });
    return new RecordedSpan(name, kind, ids, parent?.spanId, attributes, this.record);
  }

  /**
   * Runs `work` in a span that is a child of the work in progress, with the span as the current
   * trace; without work in progress (a poll, a sweep) it runs untraced, so background loops do not
   * fill the store with traces of one span.
   */
  inCurrent<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
    const current = MessageContext.current();
    if (!current || !this.enabled || current.trace.sampled === false) return work();
    return this.inSpan(this.start(name, SpanKind.INTERNAL, current.trace, attributes), current, work);
  }

  private async inSpan<T>(span: KernelSpan, current: MessageContextData, work: () => Promise<T>): Promise<T> {
    try {
      const value = await MessageContext.run({ ...current, trace: span.trace }, work);
      span.end();
      return value;
    } catch (error) {
      span.fail(error);
      throw error;
    }
  }

  /** The spans of one trace this process kept, as plain JSON, oldest first. */
  spansOf(traceId: string): TraceSpan[] {
    return (this.recent?.spansOf(traceId) ?? []).map((span) => toTraceSpan(span, this.processName));
  }

  /** Sends what the batch exporter still holds, then stops. */
  async onApplicationShutdown(): Promise<void> {
    await this.provider?.shutdown();
  }
}

/** For code built outside Nest (a test's `ModuleDatabase`): no spans. */
export const UNTRACED = new Tracing('untraced', { kept: 0, sampleRatio: 1 });
