import { Metrics, ModuleDatabase } from '@app/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { SagaInstance } from '../sagas/saga-instance.entity';

/** Saga instances in the gateway's log by type and state, read when scraped (ADR 0018). */
@Injectable()
export class SagaGauges implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly db: ModuleDatabase,
  ) {}

  onModuleInit(): void {
    this.metrics.gaugeOnScrape(
      'archipelago_sagas',
      "Saga instances in the gateway's log, by type and state",
      ['type', 'state'],
      async (gauge) => {
        const rows = await this.db.read((manager) =>
          manager
            .createQueryBuilder(SagaInstance, 'saga')
            .select(['saga.type AS type', 'saga.state AS state', 'COUNT(*) AS count'])
            .groupBy('saga.type')
            .addGroupBy('saga.state')
            .getRawMany<{ type: string; state: string; count: number | string }>(),
        );
        for (const row of rows) gauge.set({ type: row.type, state: row.state }, Number(row.count));
      },
    );
  }
}
