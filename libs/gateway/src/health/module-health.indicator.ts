import { ModuleName, PingReply, PlatformContract, SYSTEM_ACTOR } from '@app/contracts';
import { HostedDatabases, MessageSender, Topology } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';

const PING_TIMEOUT_MS = 1000;

/** Local modules: their DataSource answers. Remote modules: one of their processes answers a signed ping. */
@Injectable()
export class ModuleHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly hosted: HostedDatabases,
    private readonly sender: MessageSender,
    @Inject(Topology) private readonly topology: Topology,
  ) {}

  checks(): Array<() => Promise<HealthIndicatorResult>> {
    const local = this.hosted.all().map((module) => () => this.database(module.name));
    const remote = this.topology.remoteModules.map((module) => () => this.remote(module));
    return [...local, ...remote];
  }

  private async database(module: string): Promise<HealthIndicatorResult> {
    const check = this.indicators.check(`${module}-database`);
    const entry = this.hosted.all().find((hosted) => hosted.name === module);
    try {
      await entry!.database.read((manager) => manager.query('SELECT 1'));
      return check.up({ store: entry!.database.dataSource.options.type });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  /** The ping is addressed to the module (ADR 0025): on a bus, whichever of its processes the broker picks answers. */
  private async remote(module: ModuleName): Promise<HealthIndicatorResult> {
    const check = this.indicators.check(`${module}-module`);
    try {
      const reply = await this.sender.send<PingReply>(module, PlatformContract.ping.pattern, {}, 'gateway', {
        actor: SYSTEM_ACTOR,
        timeoutMs: PING_TIMEOUT_MS,
      });
      return check.up({ process: reply.process, modules: reply.modules });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
