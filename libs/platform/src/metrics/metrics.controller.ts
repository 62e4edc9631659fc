import { GATEWAY, MetricSnapshot, PlatformContract, ProcessMetrics, ReadMetricsRequest } from '@app/contracts';
import { Controller, Inject } from '@nestjs/common';
import { Topology } from '../config/topology';
import { Handles } from '../messaging/handles.decorator';
import { MessageBody } from '../messaging/message-params.decorators';
import { Metrics } from './metrics';

/** Hands this process's numbers to the gateway, which serves every process's on one `GET /metrics`. */
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(Topology) private readonly topology: Topology,
  ) {}

  @Handles(PlatformContract.readMetrics, { callers: [GATEWAY] })
  async read(@MessageBody() _request: ReadMetricsRequest): Promise<ProcessMetrics> {
    const metrics = (await this.metrics.registry.getMetricsAsJSON()) as unknown as MetricSnapshot[];
    return { process: this.topology.processName, metrics };
  }
}
