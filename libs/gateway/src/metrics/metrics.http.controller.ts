import { GATEWAY, MetricSnapshot, ModuleName, PlatformContract, ProcessMetrics, SYSTEM_ACTOR } from '@app/contracts';
import { Metrics, MessageSender, Topology } from '@app/platform';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AggregatorRegistry, Gauge, Registry } from 'prom-client';

const READ_TIMEOUT_MS = 1000;
const UP_HELP = 'Whether a remote process answered platform.metrics.read.v1 for this scrape';

/**
 * Every process of the topology on one page, in Prometheus' text format: this process's numbers
 * and each remote process's (asked over the bus), each series labelled with its `process`.
 * `archipelago_process_up` says which remote processes answered.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsHttpController {
  constructor(
    private readonly metrics: Metrics,
    private readonly sender: MessageSender,
    @Inject(Topology) private readonly topology: Topology,
  ) {}

  @Get()
  @Header('content-type', AggregatorRegistry.PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ summary: 'Prometheus metrics of every process: calls, refusals, outbox backlog, sagas, memory' })
  async scrape(): Promise<string> {
    const remote = await Promise.all(this.topology.remoteProcessContacts.map(([process, module]) => this.readRemote(process, module)));
    const local = await this.metrics.registry.getMetricsAsJSON();
    const up = new Registry();
    const answered = new Gauge({ name: 'archipelago_process_up', help: UP_HELP, labelNames: ['process'], registers: [up] });
    for (const { process, metrics } of remote) answered.set({ process }, metrics ? 1 : 0);
    const all: object[][] = [local, ...remote.flatMap(({ metrics }) => (metrics ? [metrics] : [])), await up.getMetricsAsJSON()];
    return AggregatorRegistry.aggregate(all).metrics();
  }

  private async readRemote(process: string, module: ModuleName): Promise<{ process: string; metrics?: MetricSnapshot[] }> {
    try {
      const reply = await this.sender.send<ProcessMetrics>(module, PlatformContract.readMetrics.pattern, {}, GATEWAY, {
        actor: SYSTEM_ACTOR,
        timeoutMs: READ_TIMEOUT_MS,
      });
      return { process: reply.process, metrics: reply.metrics };
    } catch {
      return { process };
    }
  }
}
