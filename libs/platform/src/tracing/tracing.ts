import { Attributes, ROOT_CONTEXT, SpanKind, trace, TraceFlags, Tracer } from '@opentelemetry/api';
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
import { KernelSpan, SdkSpan, UntracedSpan } from './kernel-span';
import { RecentSpans } from './recent-spans';
import { toTraceSpan } from './span-view';
import { TracingSettings } from './tracing-settings';

export const SERVICE_NAME = 'archipelago';

/**
 * This process's OpenTelemetry tracer (ADR 0027): one `BasicTracerProvider`, resource
 * `service.name=archipelago` and `service.instance.id=<PROCESS>`, sampling parent-based with
 * `TRACES_SAMPLE_RATIO` for new traces, spans kept in memory (`TRACES_KEPT`) and sent over OTLP/HTTP
 * when an endpoint is configured. No context manager: every span gets its parent explicitly from
 * the kernel's own `TraceContext` (the `MessageContext`, or an envelope's `traceparent`). With
 * nothing to keep and nowhere to send, there is no provider and spans cost nothing.
 */
export class Tracing implements OnApplicationShutdown {
  readonly recent?: RecentSpans;
  private readonly provider?: BasicTracerProvider;
  private readonly tracer?: Tracer;

  constructor(
    readonly processName: string,
    settings: TracingSettings,
  ) {
    const processors: SpanProcessor[] = [];
    if (settings.kept > 0) processors.push((this.recent = new RecentSpans(settings.kept)));
    if (settings.otlpEndpoint) processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.otlpEndpoint })));
    if (processors.length === 0) return;
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': SERVICE_NAME, 'service.instance.id': processName }),
      sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
      spanProcessors: processors,
    });
    this.tracer = this.provider.getTracer('archipelago-kernel');
  }

  get enabled(): boolean {
    return this.tracer !== undefined;
  }

  /** A new span, child of `parent` (a new trace without one). Its `trace` is what the work runs in. */
  start(name: string, kind: SpanKind, parent: TraceContext | undefined, attributes: Attributes): KernelSpan {
    // A child of an unsampled span is not sampled either (parent-based): skip the SDK, keep the flag.
    if (!this.tracer || parent?.sampled === false) return new UntracedSpan(parent ? childOf(parent) : newTrace());
    const parentContext = parent
      ? trace.setSpanContext(ROOT_CONTEXT, {
          traceId: parent.traceId,
          spanId: parent.spanId,
          traceFlags: parent.sampled === false ? TraceFlags.NONE : TraceFlags.SAMPLED,
          isRemote: true,
        })
      : ROOT_CONTEXT;
    return new SdkSpan(this.tracer.startSpan(name, { kind, attributes }, parentContext));
  }

  /**
   * Runs `work` in a span that is a child of the work in progress, with the span as the current
   * trace; without work in progress (a poll, a sweep) it runs untraced, so background loops do not
   * fill the store with traces of one span.
   */
  inCurrent<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
    const current = MessageContext.current();
    if (!current || !this.tracer || current.trace.sampled === false) return work();
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
