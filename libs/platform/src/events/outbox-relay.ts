import { Actor, EventDelivery, ModuleName, PlatformContract } from '@app/contracts';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { IsNull, LessThan } from 'typeorm';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { Topology } from '../config/topology';
import { MessageContext } from '../context/message-context';
import { newTrace, parseTraceparent } from '../context/trace-context';
import { MessageSender } from '../messaging/message-sender';
import { HostedModule, HostedModules } from '../module/hosted-modules';
import { backoffDelayMs } from './backoff';
import { RelayKick } from './event-publisher';
import { OutboxMessage } from './outbox-message.entity';

/** Rows taken per subscriber per pass: one slow subscriber cannot starve the others. */
const BATCH_PER_SUBSCRIBER = 100;
/** How often delivered rows older than the retention are deleted. */
const PURGE_EVERY_MS = 10 * 60 * 1000;

/**
 * Delivers outbox rows of the modules hosted here to their subscribers, wherever they run,
 * until each is acknowledged. Order is kept per subscriber: a failed row holds back the later
 * rows for the same subscriber until its retry succeeds.
 */
@Injectable()
export class OutboxRelay implements RelayKick, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private runAgain = false;
  private stopped = false;
  private lastPurge = Date.now();

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(Topology) private readonly topology: Topology,
    private readonly hosted: HostedModules,
    private readonly sender: MessageSender,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.config.relayIntervalMs);
    this.kick();
  }

  /** Stops before any module closes its database, and waits for the pass in progress. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.runAgain = true;
      return;
    }
    this.running = this.drain().finally(() => (this.running = undefined));
  }

  /** Relays until nothing new arrived meanwhile. Resolves when idle. */
  private async drain(): Promise<void> {
    do {
      this.runAgain = false;
      for (const module of this.hosted.all()) await this.relayModule(module).catch((error: Error) => this.logger.error(error.message));
    } while (this.runAgain && !this.stopped);
    if (Date.now() - this.lastPurge > PURGE_EVERY_MS) await this.purgeDeliveredBefore(Date.now() - this.config.outboxRetentionMs);
  }

  /** Delivered rows are kept a while for inspection, then deleted so the outbox stays small. */
  async purgeDeliveredBefore(cutoff: number): Promise<number> {
    this.lastPurge = Date.now();
    let purged = 0;
    for (const module of this.hosted.all()) {
      const result = await module.database.transaction((manager) =>
        manager.getRepository(OutboxMessage).delete({ deliveredAt: LessThan(new Date(cutoff).toISOString()) }),
      );
      purged += result.affected ?? 0;
    }
    return purged;
  }

  private async relayModule(module: HostedModule): Promise<void> {
    const subscribers = await module.database.read((manager) =>
      manager
        .getRepository(OutboxMessage)
        .createQueryBuilder('o')
        .select('DISTINCT o.subscriber', 'subscriber')
        .where('o.deliveredAt IS NULL')
        .getRawMany<{ subscriber: string }>(),
    );
    for (const { subscriber } of subscribers) await this.relayTo(module, subscriber);
  }

  /** Oldest first; the first row not delivered (not due yet, or failing) holds back the rest. */
  private async relayTo(module: HostedModule, subscriber: string): Promise<void> {
    const pending = await module.database.read((manager) =>
      manager
        .getRepository(OutboxMessage)
        .find({ where: { deliveredAt: IsNull(), subscriber }, order: { seq: 'ASC' }, take: BATCH_PER_SUBSCRIBER }),
    );
    for (const row of pending) {
      if (this.stopped || row.nextAttemptAt > Date.now()) return;
      if (!(await this.deliver(module, row))) return;
    }
  }

  private async deliver(module: HostedModule, row: OutboxMessage): Promise<boolean> {
    const delivery: EventDelivery = {
      eventId: row.eventId,
      pattern: row.pattern,
      subscriber: row.subscriber,
      source: row.source,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
      occurredAt: row.occurredAt,
    };
    const context = { trace: parseTraceparent(row.traceparent) ?? newTrace(), actor: JSON.parse(row.actor) as Actor, module: row.source };
    try {
      const processName = this.topology.processOf(row.subscriber as ModuleName);
      await MessageContext.run(context, () =>
        this.sender.send(processName, PlatformContract.deliverEvent.pattern, delivery, row.source as ModuleName),
      );
      await this.markDelivered(module, row);
      return true;
    } catch (error) {
      await this.markFailed(module, row, (error as Error).message);
      return false;
    }
  }

  private markDelivered(module: HostedModule, row: OutboxMessage) {
    return module.database.transaction((manager) =>
      manager
        .getRepository(OutboxMessage)
        .update({ seq: row.seq }, { deliveredAt: new Date().toISOString(), attempts: row.attempts + 1, lastError: null }),
    );
  }

  private markFailed(module: HostedModule, row: OutboxMessage, reason: string) {
    const attempts = row.attempts + 1;
    const nextAttemptAt = Date.now() + backoffDelayMs(attempts, 250, this.config.outboxMaxBackoffMs);
    if (attempts === 1 || attempts % 10 === 0)
      this.logger.warn(`${row.pattern} → ${row.subscriber}: attempt ${attempts} failed (${reason}); retrying`);
    return module.database.transaction((manager) =>
      manager.getRepository(OutboxMessage).update({ seq: row.seq }, { attempts, nextAttemptAt, lastError: reason.slice(0, 1000) }),
    );
  }
}
