import { ModuleName } from '@app/contracts';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { outsideAnyContext } from '../database/async-context';
import { HostedDatabases } from '../database/hosted-databases';
import { SeenMessage } from './seen-message.entity';

const SWEEP_EVERY_MS = 30_000;
/** Rows deleted per statement, and statements per module and sweep: a sweep never holds the writer long. */
const SWEEP_BATCH = 1000;
const SWEEP_MAX_BATCHES = 20;

/**
 * The message IDs of commands received over a wire, kept in the callee module's own database until
 * their deadline (ADR 0023): a replay is refused after a restart, and by every replica that shares
 * the database. The insert is a transaction of its own through the module's group commit, committed
 * before the handler runs. Expired rows are swept in bounded batches.
 */
@Injectable()
export class SeenMessages implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SeenMessages');
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;

  constructor(
    private readonly hosted: HostedDatabases,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /**
   * True the first time `messageId` is seen by `module`'s database. The row lives until `deadline`,
   * never longer than `MAX_DEADLINE_MS` from now (a later deadline is refused by the pipeline anyway).
   */
  async firstSighting(module: ModuleName, messageId: string, deadline: number): Promise<boolean> {
    const database = this.hosted.get(module)?.database;
    if (!database) throw new Error(`${module} does not run in this process`);
    const expiresAt = Math.floor(Math.min(deadline, Date.now() + this.config.maxDeadlineMs));
    return database.transaction(async (manager) => {
      const [sql, parameters] = manager
        .createQueryBuilder()
        .insert()
        .into(SeenMessage)
        .values({ messageId, expiresAt })
        .orIgnore()
        .getQueryAndParameters();
      const inserted = (await manager.queryRunner!.query(sql, parameters, true)) as { affected?: number };
      return inserted.affected !== 0;
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= outsideAnyContext(() => this.sweepExpired(Date.now())).finally(() => (this.sweeping = undefined));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  /** Deletes rows that expired before `now`, in bounded batches. Returns how many. */
  async sweepExpired(now: number): Promise<number> {
    let swept = 0;
    for (const module of this.hosted.all()) {
      try {
        for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch++) {
          const deleted = await module.database.transaction(async (manager) => {
            const expired = manager
              .createQueryBuilder(SeenMessage, 'seen')
              .select('seen.messageId')
              .where('seen.expiresAt < :now', { now: Math.floor(now) })
              .limit(SWEEP_BATCH);
            const result = await manager
              .createQueryBuilder()
              .delete()
              .from(SeenMessage)
              .where(`"messageId" IN (${expired.getQuery()})`)
              .setParameters(expired.getParameters())
              .execute();
            return result.affected ?? 0;
          });
          swept += deleted;
          if (deleted < SWEEP_BATCH) break;
        }
      } catch (error) {
        this.logger.error(`${module.name}: could not sweep seen messages: ${(error as Error).message}`);
      }
    }
    return swept;
  }

  /** Stops the sweep before the databases close. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }
}
