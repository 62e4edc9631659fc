import { PingReply, PlatformContract, SYSTEM_ACTOR } from '@app/contracts';
import { HostedModules, MessageSender, Topology } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';

const PING_TIMEOUT_MS = 1000;

/** Local modules: their DataSource answers. Remote processes: they answer a signed ping. */
@Injectable()
export class ModuleHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly hosted: HostedModules,
    private readonly sender: MessageSender,
    @Inject(Topology) private readonly topology: Topology,
  ) {}

  checks(): Array<() => Promise<HealthIndicatorResult>> {
    const local = this.hosted.all().map((module) => () => this.database(module.name));
    const remote = this.topology.remoteProcesses.map((processName) => () => this.process(processName));
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

  private async process(processName: string): Promise<HealthIndicatorResult> {
    const check = this.indicators.check(`${processName}-process`);
    try {
      // a ping is for a process: any module it hosts answers it
      const [module] = this.topology.modulesOf(processName);
      const reply = await this.sender.send<PingReply>(module, PlatformContract.ping.pattern, {}, 'gateway', {
        actor: SYSTEM_ACTOR,
        timeoutMs: PING_TIMEOUT_MS,
      });
      return check.up({ modules: reply.modules });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
