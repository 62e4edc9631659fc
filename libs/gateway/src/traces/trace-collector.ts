import { GATEWAY, ModuleName, PlatformContract, ProcessTrace, TraceSpan } from '@app/contracts';
import { MessageSender, Topology, toModuleError, Tracing } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { MissingProcess, TraceView } from './trace-view';

const READ_TIMEOUT_MS = 1000;

/**
 * Gathers one trace from every process, as `GET /metrics` gathers numbers: this process's spans
 * from its own store, each other process's over the bus (`platform.traces.read.v1`, as the admin
 * asking). A process that does not answer within a second is listed as missing, not waited for.
 */
@Injectable()
export class TraceCollector {
  constructor(
    private readonly tracing: Tracing,
    private readonly sender: MessageSender,
    @Inject(Topology) private readonly topology: Topology,
  ) {}

  async collect(traceId: string): Promise<TraceView> {
    const remote = await Promise.all(
      this.topology.remoteProcessContacts.map(([process, module]) => this.readRemote(process, module, traceId)),
    );
    const answered = remote.filter((answer): answer is ProcessTrace => 'spans' in answer);
    const spans: TraceSpan[] = [...this.tracing.spansOf(traceId), ...answered.flatMap((answer) => answer.spans)];
    return {
      traceId,
      processes: [this.topology.processName, ...answered.map((answer) => answer.process)],
      missing: remote.filter((answer): answer is MissingProcess => 'reason' in answer),
      spans: spans.sort((a, b) => a.startMicros - b.startMicros),
    };
  }

  private async readRemote(process: string, module: ModuleName, traceId: string): Promise<ProcessTrace | MissingProcess> {
    try {
      return await this.sender.send<ProcessTrace>(module, PlatformContract.readTrace.pattern, { traceId }, GATEWAY, {
        timeoutMs: READ_TIMEOUT_MS,
      });
    } catch (error) {
      const { code, message } = toModuleError(error);
      return { process, reason: `${code}: ${message}` };
    }
  }
}
