import { GATEWAY, isModuleName, MODULE_CONTRACTS, ModuleName, PingReply, PlatformContract, SYSTEM_ACTOR } from '@app/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { Topology } from '../config/topology';
import { MessageSender } from '../messaging/message-sender';
import { LiveInstance } from './live-instance';

/** As long as `GET /health` waits for a ping. */
const PING_TIMEOUT_MS = 1000;

/**
 * Liveness of the processes reached over TCP, which have no bus to announce themselves on
 * (ADR 0029): each answers the existing signed ping, asked only when someone reads the registry
 * and at most once per `REGISTRY_HEARTBEAT_MS` — a ping every second would write a log line and
 * a span per second in each of them.
 */
@Injectable()
export class TcpPings {
  private latest?: { at: number; answers: Promise<LiveInstance[]> };

  constructor(
    @Inject(Topology) private readonly topology: Topology,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly sender: MessageSender,
  ) {}

  /** The TCP processes that answered, each as one instance named after its process (a TCP process runs once). */
  answers(now = Date.now()): Promise<LiveInstance[]> {
    if (!this.latest || now - this.latest.at >= this.config.registry.heartbeatMs) this.latest = { at: now, answers: this.pingAll() };
    return this.latest.answers;
  }

  private async pingAll(): Promise<LiveInstance[]> {
    const overTcp = this.topology.remoteProcessContacts.filter(([process]) => this.topology.routeOf(process)?.transport === 'tcp');
    const answers = await Promise.all(overTcp.map(([process, module]) => this.ping(process, module)));
    return answers.filter((answer) => answer !== undefined);
  }

  private async ping(process: string, module: ModuleName): Promise<LiveInstance | undefined> {
    const route = this.topology.routeOf(process);
    try {
      const reply = await this.sender.send<PingReply>(module, PlatformContract.ping.pattern, {}, GATEWAY, {
        actor: SYSTEM_ACTOR,
        timeoutMs: PING_TIMEOUT_MS,
      });
      const modules = reply.modules.filter(isModuleName);
      return {
        id: reply.process,
        host: route && 'host' in route ? route.host : 'unknown',
        process: reply.process,
        modules,
        gateway: false,
        contracts: modules.flatMap((hosted) => MODULE_CONTRACTS[hosted].map((contract) => contract.pattern)),
        lastSeen: new Date().toISOString(),
        health: 'ok',
        seenBy: 'ping',
      };
    } catch {
      return undefined;
    }
  }
}
