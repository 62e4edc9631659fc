import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxMessage } from '../events/outbox-message.entity';
import { HostedDatabases } from '../database/hosted-databases';
import { Metrics } from './metrics';

/** Long enough for the gauges of one scrape to share a read, short enough for the next scrape to read again. */
const SHARED_FOR_MS = 1000;

interface BacklogRow {
  subscriber: string;
  pending: number | string;
  oldest: string | null;
  dead: number | string;
}

/**
 * Outbox numbers per publishing module and subscriber, read from each hosted module's own
 * database when scraped: events waiting, the age of the oldest, and dead letters (ADR 0016).
 * A backlog that grows is the first sign a subscriber should get more room — or its own process.
 */
@Injectable()
export class OutboxGauges implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly hosted: HostedDatabases,
  ) {}

  onModuleInit(): void {
    const labels: ('module' | 'subscriber')[] = ['module', 'subscriber'];
    // The three gauges of one scrape (collected together) share one query per module.
    let cached: { at: number; rows: Promise<Map<string, BacklogRow[]>> } | undefined;
    const backlog = () => {
      if (!cached || Date.now() - cached.at > SHARED_FOR_MS) cached = { at: Date.now(), rows: this.read() };
      return cached.rows;
    };
    this.metrics.gaugeOnScrape('archipelago_outbox_pending', 'Events waiting in an outbox, by module and subscriber', labels, async (g) => {
      for (const [module, list] of await backlog()) for (const r of list) g.set({ module, subscriber: r.subscriber }, Number(r.pending));
    });
    this.metrics.gaugeOnScrape(
      'archipelago_outbox_oldest_pending_seconds',
      'Age of the oldest event waiting in an outbox, by module and subscriber',
      labels,
      async (g) => {
        const now = Date.now();
        for (const [module, list] of await backlog())
          for (const r of list) if (r.oldest) g.set({ module, subscriber: r.subscriber }, (now - Date.parse(r.oldest)) / 1000);
      },
    );
    this.metrics.gaugeOnScrape('archipelago_outbox_dead_letters', 'Dead-lettered events, by module and subscriber', labels, async (g) => {
      for (const [module, list] of await backlog()) for (const r of list) g.set({ module, subscriber: r.subscriber }, Number(r.dead));
    });
  }

  private async read(): Promise<Map<string, BacklogRow[]>> {
    const result = new Map<string, BacklogRow[]>();
    const pending = '"outbox"."deliveredAt" IS NULL AND "outbox"."deadLetteredAt" IS NULL';
    for (const module of this.hosted.all()) {
      // The query builder names the module's own table (its PostgreSQL schema included).
      const list = await module.database.read((manager) =>
        manager
          .createQueryBuilder(OutboxMessage, 'outbox')
          .select('"outbox"."subscriber"', 'subscriber')
          .addSelect(`SUM(CASE WHEN ${pending} THEN 1 ELSE 0 END)`, 'pending')
          .addSelect(`MIN(CASE WHEN ${pending} THEN "outbox"."occurredAt" END)`, 'oldest')
          .addSelect('SUM(CASE WHEN "outbox"."deadLetteredAt" IS NOT NULL THEN 1 ELSE 0 END)', 'dead')
          .groupBy('"outbox"."subscriber"')
          .getRawMany<BacklogRow>(),
      );
      result.set(module.name, list);
    }
    return result;
  }
}
