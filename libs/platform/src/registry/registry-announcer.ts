import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { Topology } from '../config/topology';
import { BusChannel } from '../transport/bus-channel';
import { Transports } from '../transport/transports';
import { encodeAnnouncement } from './announcement';
import { busRoutesOf, channelsOn } from './bus-channels';
import { REGISTRY_SUBJECTS } from './registry-subjects';
import { ThisInstance } from './this-instance';

/** A probe brings the next beat forward, but never to less than a quarter of an interval after the last. */
const PROBE_ANSWER_SHARE = 4;

/**
 * Says "I am here" on every bus this process uses, every `REGISTRY_HEARTBEAT_MS`, and "I am
 * leaving" once when a graceful shutdown begins (ADR 0029). A process on no bus says nothing:
 * the registry pings a TCP process itself, and knows its own.
 */
@Injectable()
export class RegistryAnnouncer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RegistryAnnouncer');
  private channels: BusChannel[] = [];
  private timer?: NodeJS.Timeout;
  private lastBeatAt = 0;
  private beating = false;
  private leaving = false;

  constructor(
    @Inject(Topology) private readonly topology: Topology,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly transports: Transports,
    private readonly self: ThisInstance,
  ) {}

  /** Starts beating once the broker has this process's probe subscription: a beat before that would be dropped. */
  onApplicationBootstrap(): void {
    this.channels = channelsOn(this.transports, busRoutesOf(this.topology, true));
    const subscribed = this.channels.map((channel) => channel.subscribe(REGISTRY_SUBJECTS.probe, () => this.probed()));
    if (subscribed.length === 0) return;
    Promise.all(subscribed).then(
      () => void this.beat(),
      (error: Error) => this.logger.warn(`cannot announce this process: ${error.message}`),
    );
  }

  /** A registry has just arrived and asks who is there: answer now rather than up to an interval later. */
  private probed(): void {
    if (Date.now() - this.lastBeatAt >= this.config.registry.heartbeatMs / PROBE_ANSWER_SHARE) void this.beat();
  }

  private async beat(): Promise<void> {
    if (this.beating || this.leaving) return;
    this.beating = true;
    clearTimeout(this.timer);
    try {
      await this.announce(REGISTRY_SUBJECTS.heartbeat);
      this.lastBeatAt = Date.now();
    } finally {
      this.beating = false;
      if (!this.leaving) this.timer = setTimeout(() => void this.beat(), this.config.registry.heartbeatMs).unref();
    }
  }

  private async announce(subject: string): Promise<void> {
    const announcement = await this.self.describe();
    if (this.leaving && subject === REGISTRY_SUBJECTS.heartbeat) return; // a beat after the goodbye would bring it back
    const data = encodeAnnouncement(announcement);
    for (const channel of this.channels) channel.publish(subject, data);
  }

  /** The drain begins (ADR 0017): stop beating and say goodbye, so the registry forgets this process at once. */
  async onModuleDestroy(): Promise<void> {
    this.leaving = true;
    clearTimeout(this.timer);
    if (this.channels.length > 0) await this.announce(REGISTRY_SUBJECTS.goodbye);
  }
}
