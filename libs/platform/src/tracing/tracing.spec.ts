import { SpanKind } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { readTracingSettings, TracingSettings } from './tracing-settings';
import { Tracing } from './tracing';

const settings = (env: NodeJS.ProcessEnv): TracingSettings => {
  const problems: string[] = [];
  const read = readTracingSettings(env, problems);
  expect(problems).toEqual([]);
  return read;
};

/**
 * The exporter itself loads `http` with a dynamic import, which jest's VM cannot run: here it is
 * watched; the e2e suite (`test/e2e/traces.ts`) proves a real collector on loopback gets the POST.
 */
describe('tracing', () => {
  let exported: string[];
  beforeEach(() => {
    exported = [];
    jest.spyOn(OTLPTraceExporter.prototype, 'export').mockImplementation((spans: ReadableSpan[], done) => {
      exported.push(...spans.map((span) => span.name));
      done({ code: ExportResultCode.SUCCESS });
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('exports spans over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, at shutdown at the latest', async () => {
    const tracing = new Tracing('auth', settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/', TRACES_KEPT: '0' }));
    tracing.start('handle auth.user.register.v1', SpanKind.SERVER, undefined, {}).end();
    await tracing.onApplicationShutdown();
    expect(exported).toEqual(['handle auth.user.register.v1']);
  });

  it('posts to OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces, or to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given', () => {
    expect(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).otlpEndpoint).toBe('http://collector:4318/v1/traces');
    const both = { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/custom', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://other:4318' };
    expect(settings(both).otlpEndpoint).toBe('http://collector:4318/custom');
  });

  it('exports nothing when no endpoint is set, and keeps the spans in memory', async () => {
    const tracing = new Tracing('auth', settings({}));
    const span = tracing.start('handle auth.user.register.v1', SpanKind.SERVER, undefined, {
      'archipelago.pattern': 'auth.user.register.v1',
    });
    span.end();
    expect(tracing.spansOf(span.trace.traceId)).toEqual([
      expect.objectContaining({ name: 'handle auth.user.register.v1', process: 'auth', kind: 'server', spanId: span.trace.spanId }),
    ]);
    await tracing.onApplicationShutdown();
    expect(exported).toEqual([]);
  });

  it('without an endpoint records spans without the SDK, parented, timed and with their outcome', () => {
    const tracing = new Tracing('auth', settings({}));
    const parent = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
    const span = tracing.start('call auth.user.register.v1', SpanKind.CLIENT, parent, { 'archipelago.pattern': 'auth.user.register.v1' });
    span.rename('call auth.user.register.v2');
    span.set({ 'archipelago.caller': 'gateway' });
    span.fail(new Error('boom'));
    span.end();
    expect(span.trace.traceId).toBe(parent.traceId);
    const [view] = tracing.spansOf(parent.traceId);
    expect(view).toEqual({
      name: 'call auth.user.register.v2',
      process: 'auth',
      spanId: span.trace.spanId,
      parentSpanId: parent.spanId,
      kind: 'client',
      startMicros: expect.any(Number),
      durationMicros: expect.any(Number),
      status: 'error',
      statusMessage: 'INTERNAL: internal error',
      attributes: { 'archipelago.pattern': 'auth.user.register.v1', 'archipelago.caller': 'gateway', 'archipelago.outcome': 'INTERNAL' },
    });
    expect(Math.abs(view.startMicros - Date.now() * 1000)).toBeLessThan(5_000_000);
    expect(view.durationMicros).toBeGreaterThanOrEqual(0);
  });

  it('shares one frozen attributes object between spans without writing it: each span keeps its own outcome and additions', () => {
    const tracing = new Tracing('billing', settings({}));
    const parent = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
    const shared = Object.freeze({ 'archipelago.pattern': 'billing.plans.list.v1' });
    const first = tracing.start('handle billing.plans.list.v1', SpanKind.SERVER, parent, shared);
    const second = tracing.start('handle billing.plans.list.v1', SpanKind.SERVER, parent, shared);
    first.set({ 'archipelago.batch': 2 });
    first.end();
    second.fail(new Error('boom'));
    second.set({ 'archipelago.late': true });
    expect(shared).toEqual({ 'archipelago.pattern': 'billing.plans.list.v1' });
    expect(tracing.spansOf(parent.traceId).map((view) => [view.status, view.attributes])).toEqual([
      ['unset', { 'archipelago.pattern': 'billing.plans.list.v1', 'archipelago.batch': 2, 'archipelago.outcome': 'ok' }],
      ['error', { 'archipelago.pattern': 'billing.plans.list.v1', 'archipelago.outcome': 'INTERNAL' }],
    ]);
  });

  it("without an endpoint samples new traces by TRACES_SAMPLE_RATIO and keeps a sampled parent's decision", () => {
    const none = new Tracing('auth', settings({ TRACES_SAMPLE_RATIO: '0' }));
    const parent = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
    const child = none.start('handle', SpanKind.SERVER, parent, {});
    child.end();
    expect(child.trace.sampled).toBeUndefined();
    expect(none.spansOf(parent.traceId)).toHaveLength(1);
    const all = new Tracing('auth', settings({ TRACES_SAMPLE_RATIO: '1' }));
    const root = all.start('GET /auth/me', SpanKind.SERVER, undefined, {});
    root.end();
    expect(all.spansOf(root.trace.traceId)).toEqual([expect.not.objectContaining({ parentSpanId: expect.anything() })]);
  });

  it('with TRACES_KEPT=0 and no endpoint has no provider: new IDs only, as before traces', () => {
    const tracing = new Tracing('auth', settings({ TRACES_KEPT: '0' }));
    const parent = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
    const span = tracing.start('call', SpanKind.CLIENT, parent, {});
    expect(tracing.enabled).toBe(false);
    expect(span.trace.traceId).toBe(parent.traceId);
    expect(span.trace.spanId).not.toBe(parent.spanId);
  });

  it('records a share of new traces with TRACES_SAMPLE_RATIO, and marks the others unsampled', () => {
    const tracing = new Tracing('auth', settings({ TRACES_SAMPLE_RATIO: '0' }));
    const span = tracing.start('GET /auth/me', SpanKind.SERVER, undefined, {});
    span.end();
    expect(span.trace.sampled).toBe(false);
    expect(tracing.spansOf(span.trace.traceId)).toEqual([]);
  });

  it.each([
    [{ TRACES_KEPT: '-1' }, 'TRACES_KEPT must be an integer of at least 0 (got "-1")'],
    [{ TRACES_SAMPLE_RATIO: '2' }, 'TRACES_SAMPLE_RATIO must be a number from 0 to 1 (got "2")'],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
      'OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL (got "collector:4318")',
    ],
  ])('refuses %p', (env, problem) => {
    const problems: string[] = [];
    readTracingSettings(env, problems);
    expect(problems).toEqual([problem]);
  });
});
