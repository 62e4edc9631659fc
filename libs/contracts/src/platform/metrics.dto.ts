/** `platform.metrics.read.v1` takes nothing: the answer is everything the process counts. */
export class ReadMetricsRequest {}

/** One metric as prom-client serialises it (`Registry.getMetricsAsJSON()`): name, help, type, values with labels. */
export interface MetricSnapshot {
  name: string;
  help: string;
  type: string;
  aggregator: string;
  values: { value: number; labels: Record<string, string | number>; metricName?: string }[];
}

export interface ProcessMetrics {
  process: string;
  metrics: MetricSnapshot[];
}
