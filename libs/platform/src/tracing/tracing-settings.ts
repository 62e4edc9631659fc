/** What `TRACES_KEPT`, `TRACES_SAMPLE_RATIO` and the OTLP endpoint variables ask for (ADR 0027). */
export interface TracingSettings {
  /** Traces each process keeps in memory for `GET /traces/:traceId`; 0 keeps none. */
  kept: number;
  /** The share of new traces recorded (0 to 1); a trace that arrives sampled or not keeps its caller's decision. */
  sampleRatio: number;
  /** Where spans are sent as OTLP/HTTP (`…/v1/traces`), if anywhere. */
  otlpEndpoint?: string;
}

export const DEFAULT_TRACES_KEPT = 300;

/** `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as given, or `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces` (the OTLP spec's rule). */
function otlpEndpointOf(env: NodeJS.ProcessEnv, problems: string[]): string | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const [key, url] = traces
    ? ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', traces]
    : ['OTEL_EXPORTER_OTLP_ENDPOINT', base && `${base.replace(/\/+$/, '')}/v1/traces`];
  if (!url) return undefined;
  if (!/^https?:\/\/[^/]/.test(url)) problems.push(`${key} must be an http:// or https:// URL (got "${env[key]}")`);
  return url;
}

export function readTracingSettings(env: NodeJS.ProcessEnv, problems: string[]): TracingSettings {
  const keptRaw = env.TRACES_KEPT;
  const kept = keptRaw === undefined || keptRaw === '' ? DEFAULT_TRACES_KEPT : Number(keptRaw);
  if (!Number.isInteger(kept) || kept < 0) problems.push(`TRACES_KEPT must be an integer of at least 0 (got "${keptRaw}")`);
  const ratioRaw = env.TRACES_SAMPLE_RATIO;
  const sampleRatio = ratioRaw === undefined || ratioRaw === '' ? 1 : Number(ratioRaw);
  if (!(sampleRatio >= 0 && sampleRatio <= 1)) problems.push(`TRACES_SAMPLE_RATIO must be a number from 0 to 1 (got "${ratioRaw}")`);
  return { kept, sampleRatio, otlpEndpoint: otlpEndpointOf(env, problems) };
}
