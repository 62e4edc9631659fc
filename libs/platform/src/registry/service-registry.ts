import { ModuleName } from '@app/contracts';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { Topology } from '../config/topology';
import { BusChannel } from '../transport/bus-channel';
import { Transports } from '../transport/transports';
import { Announcement, parseAnnouncement } from './announcement';
import { busRoutesOf, channelsOn } from './bus-channels';
import { LiveInstance, sightingOf } from './live-instance';
import { LiveInstances } from './live-instances';
import { REGISTRY_SUBJECTS } from './registry-subjects';
import { TcpPings } from './tcp-pings';
import { ThisInstance } from './this-instance';

/** Far more instances than any topology runs; beyond it, strangers on the bus are refused, not remembered. */
export const REGISTRY_CAPACITY = 1024;

/**
 * The live instances of the system, as the process serving HTTP sees them (ADR 0029): this process
 * itself, the processes that beat on the buses of the modules it calls, and the processes reached
 * over TCP that answer a ping. Information only: calls are routed by the broker's queue groups and
 * the topology, never by what is listed here.
 */
@Injectable()
export class ServiceRegistry implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ServiceRegistry');
  private readonly heard: LiveInstances;
  private readonly subscriptions: Array<() => void> = [];
  private warnedFull = false;

  constructor(
    @Inject(Topology) private readonly topology: Topology,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    private readonly transports: Transports,
    private readonly self: ThisInstance,
    private readonly pings: TcpPings,
  ) {
    this.heard = new LiveInstances(config.registry.expiryMs, REGISTRY_CAPACITY);
  }

  onApplicationBootstrap(): void {
    for (const channel of channelsOn(this.transports, busRoutesOf(this.topology, false)))
      this.listen(channel).catch((error: Error) => this.logger.warn(`cannot follow the registry: ${error.message}`));
  }

  /** This process first, then the TCP processes that answered, then those heard on a bus. */
  async live(now = Date.now()): Promise<LiveInstance[]> {
    const self = await this.self.describe();
    const isSelf = (instance: LiveInstance) => instance.host === self.host && instance.id === self.instance;
    const heard = this.heard.live(now).filter((instance) => !isSelf(instance));
    return [{ ...sightingOf(self, 'self'), lastSeen: new Date(now).toISOString() }, ...(await this.pings.answers(now)), ...heard];
  }

  /** A beat renews its instance; anything that is not an announcement of this topology is ignored. */
  heardBeat(data: Uint8Array, now = Date.now()): void {
    const announcement = this.ofThisTopology(parseAnnouncement(data));
    if (!announcement || this.heard.saw(sightingOf(announcement, 'heartbeat'), now) || this.warnedFull) return;
    this.warnedFull = true;
    this.logger.warn(`${REGISTRY_CAPACITY} instances are live: new ones are not listed until some expire (ADR 0029)`);
  }

  heardGoodbye(data: Uint8Array): void {
    const announcement = this.ofThisTopology(parseAnnouncement(data));
    if (announcement) this.heard.left({ host: announcement.host, id: announcement.instance });
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
  }

  private async listen(channel: BusChannel): Promise<void> {
    this.subscriptions.push(await channel.subscribe(REGISTRY_SUBJECTS.heartbeat, (data) => this.heardBeat(data)));
    this.subscriptions.push(await channel.subscribe(REGISTRY_SUBJECTS.goodbye, (data) => this.heardGoodbye(data)));
    channel.publish(REGISTRY_SUBJECTS.probe, new Uint8Array()); // who is there: everyone beats now, not up to an interval later
  }

  /** Another system on the same broker, a process this topology does not have, or modules it does not place there: not ours. */
  private ofThisTopology(announcement: Announcement | undefined): Announcement | undefined {
    if (!announcement || announcement.topology !== this.topology.name) return undefined;
    if (!Object.hasOwn(this.topology.spec.processes, announcement.process)) return undefined;
    const placed: ModuleName[] = this.topology.modulesOf(announcement.process);
    const same = placed.length === announcement.modules.length && placed.every((module) => announcement.modules.includes(module));
    return same ? announcement : undefined;
  }
}
