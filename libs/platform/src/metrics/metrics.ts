import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Topology } from '../config/topology';
import { instanceIdOf } from '../registry/instance-id';

/** Seconds: a call in process takes microseconds, one over a wire milliseconds, a slow charge seconds. */
const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every series carries its `process`; a replica's (ADR 0028) also its `instance`, `billing#<pid>`
 * (the id the registry lists it under, ADR 0029), so the numbers of two replicas never read as one.
 */
function defaultLabels(topology: Topology): Record<string, string> {
  const process = topology.processName;
  if (topology.replicasOf(process) === 1) return { process };
  return { process, instance: instanceIdOf(process) };
}

/**
 * What this process counts, in one prom-client registry labelled with the process name: messages
 * handled per pattern and outcome, refusals per reason, and Node's own (memory, event loop, GC).
 * Other numbers (outbox backlog, sagas, HTTP requests) are registered by the code that owns them.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly messagesHandled: Counter<'pattern' | 'caller' | 'outcome'>;
  readonly messageSeconds: Histogram<'pattern'>;
  readonly refusals: Counter<'module' | 'reason'>;

  constructor(@Inject(Topology) topology: Topology) {
    this.registry.setDefaultLabels(defaultLabels(topology));
    collectDefaultMetrics({ register: this.registry });
    this.messagesHandled = new Counter({
      name: 'archipelago_messages_handled_total',
      help: 'Messages a handler of this process served, by pattern, calling module and outcome (ok or the error code)',
      labelNames: ['pattern', 'caller', 'outcome'],
      registers: [this.registry],
    });
    this.messageSeconds = new Histogram({
      name: 'archipelago_message_duration_seconds',
      help: 'Time a handler of this process took, validation to answer, by pattern',
      labelNames: ['pattern'],
      buckets: DURATION_BUCKETS,
      registers: [this.registry],
    });
    this.refusals = new Counter({
      name: 'archipelago_refusals_total',
      help: "Messages refused at a module's boundary, by module and reason (bad-signature, caller-not-allowed, …)",
      labelNames: ['module', 'reason'],
      registers: [this.registry],
    });
  }

  /** A gauge read when scraped: `collect` sets its values then. */
  gaugeOnScrape<L extends string>(name: string, help: string, labelNames: L[], collect: (gauge: Gauge<L>) => Promise<void>): Gauge<L> {
    return new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        await collect(this);
      },
    });
  }
}
