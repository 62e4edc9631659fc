import {
  Actor,
  EventBatch,
  EventBatchReceipt,
  EventDelivery,
  MAX_EVENTS_PER_DELIVERY,
  ModuleName,
  PlatformContract,
  SYSTEM_ACTOR,
} from '@app/contracts';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager, LessThan } from 'typeorm';
import { PLATFORM_CONFIG } from '../config/config.tokens';
import { PlatformConfig } from '../config/platform-config';
import { newTrace } from '../context/trace-context';
import { outsideAnyContext } from '../database/async-context';
import { MessageSender } from '../messaging/message-sender';
import { HostedDatabase, HostedDatabases } from '../database/hosted-databases';
import { DeliverySpans } from '../tracing/event-spans';
import { Tracing } from '../tracing/tracing';
import { backoffDelayMs } from './backoff';
import { RelayKick } from './event-publisher';
import { claimRows, lockOutboxForClaims } from './outbox-claim';
import { OutboxMessage } from './outbox-message.entity';

/** How often delivered rows older than the retention are deleted. */
const PURGE_EVERY_MS = 10 * 60 * 1000;

type DueRow = Pick<
  OutboxMessage,
  | 'seq'
  | 'eventId'
  | 'pattern'
  | 'source'
  | 'subscriber'
  | 'payload'
  | 'traceparent'
  | 'actor'
  | 'occurredAt'
  | 'attempts'
  | 'refusals'
  | 'nextAttemptAt'
  | 'orderingKey'
>;

/**
 * Rows that were not delivered: one refused by its subscriber (it answered `failed`, which counts
 * towards the dead letter), or the whole batch when the message got no answer (transport).
 */
type Failure = { refused: true; row: DueRow; reason: string } | { refused: false; rows: DueRow[]; reason: string };

/** What one batch to one subscriber came to. */
interface BatchResult {
  delivered: DueRow[];
  failed?: Failure;
  /** Rows of the batch after the failed one: they got no receipt and are sent again at once. */
  skipped: number;
  /** The batch was full: more rows may be waiting for this subscriber. */
  full: boolean;
}

const COLUMNS = [
  'seq',
  'eventId',
  'pattern',
  'source',
  'subscriber',
  'payload',
  'traceparent',
  'actor',
  'occurredAt',
  'attempts',
  'refusals',
  'nextAttemptAt',
  'orderingKey',
];

/**
 * Delivers outbox rows of the modules hosted here to their subscribers, wherever they run,
 * until each is acknowledged (ADR 0013). Woken after every commit that wrote outbox rows, and
 * by a poll as a fallback and for retries. Per pass and module: one read (on the read
 * connection) of the oldest undelivered rows per subscriber; one `platform.events.deliver.v1`
 * per subscriber, all subscribers at once; one UPDATE marking every delivered row.
 * Order is kept per subscriber and ordering key (ADR 0016): a row not yet due, or failing, holds
 * back only the later rows with its key. After `OUTBOX_MAX_ATTEMPTS` refusals a row is
 * dead-lettered and its key flows on; admins list and resubmit dead letters (`DeadLetters`).
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
    private readonly hosted: HostedDatabases,
    private readonly sender: MessageSender,
    private readonly tracing: Tracing,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.config.relayIntervalMs);
    this.kick();
  }

  /**
   * Runs after the drain (ADR 0017) and before any module closes its database: waits for the pass
   * in progress, makes one last pass for what the drained work committed, then stops.
   */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    this.kick();
    await this.running;
    this.stopped = true;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.runAgain = true;
      return;
    }
    // Kicked from a committing request: the relay's work must not carry that request's context.
    this.running = outsideAnyContext(() => this.drain().finally(() => (this.running = undefined)));
  }

  /** Relays until nothing new arrived meanwhile and no subscriber had a full batch. Resolves when idle. */
  private async drain(): Promise<void> {
    do {
      this.runAgain = false;
      const more = await Promise.all(
        this.hosted.all().map((module) =>
          this.relayModule(module).catch((error: Error) => {
            this.logger.error(`${module.name}: ${error.message}`);
            return false;
          }),
        ),
      );
      if (more.some(Boolean)) this.runAgain = true;
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

  /** One pass over one module's outbox. True if another pass may find more to deliver. */
  private async relayModule(module: HostedDatabase): Promise<boolean> {
    const rows = await this.takeDueRows(module, Date.now());
    if (rows.length === 0 || this.stopped) return false;
    const bySubscriber = new Map<string, DueRow[]>();
    for (const row of rows) bySubscriber.set(row.subscriber, [...(bySubscriber.get(row.subscriber) ?? []), row]);
    const results = await Promise.all([...bySubscriber.values()].map((due) => this.deliver(module, due)));
    await this.record(module, results);
    await this.releaseUnsettled(module, rows, results);
    return results.some((result) => (result.full && result.delivered.length > 0) || result.skipped > 0);
  }

  /**
   * On SQLite (one process per file) the due rows are read; on PostgreSQL, where replicas share
   * the schema, they are claimed for twice the call timeout (ADR 0028).
   */
  private takeDueRows(module: HostedDatabase, now: number): Promise<DueRow[]> {
    if (module.database.isSqlite) return module.database.read((manager) => this.dueRows(manager, now));
    return module.database.transaction(async (manager) => {
      await lockOutboxForClaims(manager);
      const rows = await this.dueRows(manager, now);
      await claimRows(
        manager,
        rows.map((row) => row.seq),
        now + 2 * this.config.callTimeoutMs,
      );
      return rows;
    });
  }

  /**
   * The oldest due rows of every subscriber, up to a batch each, in one query. A row is due when
   * it is pending, its time has come, and no earlier pending row of the same subscriber and
   * ordering key is waiting for a retry or claimed by another relay (that one holds it back; ADR 0016).
   */
  private dueRows(manager: EntityManager, now: number): Promise<DueRow[]> {
    const { schema, tableName } = manager.connection.getMetadata(OutboxMessage);
    const table = schema ? `"${schema}"."${tableName}"` : `"${tableName}"`;
    const columns = COLUMNS.map((column) => `"${column}"`).join(', ');
    const rowColumns = COLUMNS.map((column) => `"row"."${column}"`).join(', ');
    const pending = (alias: string) => `"${alias}"."deliveredAt" IS NULL AND "${alias}"."deadLetteredAt" IS NULL`;
    const claimed = (alias: string) => `"${alias}"."claimedUntil" IS NOT NULL AND "${alias}"."claimedUntil" > ${Math.floor(now)}`;
    const heldBack =
      `"row"."orderingKey" IS NOT NULL AND EXISTS (SELECT 1 FROM ${table} AS "earlier" WHERE "earlier"."subscriber" = "row"."subscriber" ` +
      `AND "earlier"."orderingKey" = "row"."orderingKey" AND "earlier"."seq" < "row"."seq" AND ${pending('earlier')} ` +
      `AND ("earlier"."nextAttemptAt" > ${Math.floor(now)} OR ${claimed('earlier')}))`;
    return manager
      .query<DueRow[]>(
        `SELECT ${columns} FROM (SELECT ${rowColumns}, ROW_NUMBER() OVER (PARTITION BY "row"."subscriber" ORDER BY "row"."seq") AS "position" ` +
          `FROM ${table} AS "row" WHERE ${pending('row')} AND "row"."nextAttemptAt" <= ${Math.floor(now)} AND NOT (${claimed('row')}) ` +
          `AND NOT (${heldBack})) AS "due" ` +
          `WHERE "position" <= ${MAX_EVENTS_PER_DELIVERY} ORDER BY "seq"`,
      )
      .then((rows) =>
        rows.map((row) => ({
          ...row,
          seq: Number(row.seq),
          attempts: Number(row.attempts),
          refusals: Number(row.refusals),
          nextAttemptAt: Number(row.nextAttemptAt),
        })),
      );
  }

  /** Sends one subscriber its due rows in one message; what it applied counts as delivered. */
  private async deliver(module: HostedDatabase, rows: DueRow[]): Promise<BatchResult> {
    const subscriber = rows[0].subscriber as ModuleName;
    const full = rows.length >= MAX_EVENTS_PER_DELIVERY;
    const spans = new DeliverySpans(this.tracing, subscriber, rows.map(toDelivery));
    const batch: EventBatch = { subscriber, events: spans.events };
    try {
      // The batch is the relay's own work: a trace of its own (ADR 0013), sent as the system. Each
      // event in it carries its row's trace, actor, source and id (`toDelivery`).
      const asRelay = { trace: newTrace(), actor: SYSTEM_ACTOR };
      const pattern = PlatformContract.deliverEvents.pattern;
      const { receipts } = await this.sender.send<EventBatchReceipt>(subscriber, pattern, batch, module.name, asRelay);
      spans.settle(receipts);
      const delivered: DueRow[] = [];
      for (const [index, row] of rows.entries()) {
        const receipt = receipts[index];
        if (!receipt || receipt.eventId !== row.eventId) break;
        if (receipt.outcome === 'failed') {
          const reason = receipt.error ? `${receipt.error.code}: ${receipt.error.message}` : 'failed';
          return { delivered, failed: { row, reason, refused: true }, skipped: rows.length - index - 1, full };
        }
        delivered.push(row);
      }
      return { delivered, skipped: 0, full };
    } catch (error) {
      spans.fail(error);
      return { delivered: [], failed: { rows, reason: (error as Error).message, refused: false }, skipped: 0, full };
    }
  }

  /** One transaction per pass: one UPDATE for every delivered row, one per failed row. */
  private async record(module: HostedDatabase, results: BatchResult[]): Promise<void> {
    const delivered = results.flatMap((result) => result.delivered.map((row) => row.seq));
    const failures = results.flatMap((result) => (result.failed ? [result.failed] : []));
    if (delivered.length === 0 && failures.length === 0) return;
    const deliveredAt = new Date().toISOString();
    await module.database.transaction(async (manager) => {
      if (delivered.length > 0) {
        await manager
          .createQueryBuilder()
          .update(OutboxMessage)
          .set({ deliveredAt, lastError: null, claimedUntil: null, attempts: () => '"attempts" + 1' })
          .whereInIds(delivered)
          .execute();
      }
      for (const failure of failures) await this.recordFailure(manager, module, failure);
    });
  }

  /** Claimed rows that got no receipt (after a refused one in their batch) are due again at once, from any relay. */
  private async releaseUnsettled(module: HostedDatabase, rows: DueRow[], results: BatchResult[]): Promise<void> {
    if (module.database.isSqlite) return;
    const settled = new Set(results.flatMap((result) => [...result.delivered, ...(result.failed?.refused ? [result.failed.row] : [])]));
    const transportFailed = new Set(results.flatMap((result) => (result.failed && !result.failed.refused ? result.failed.rows : [])));
    const unsettled = rows.filter((row) => !settled.has(row) && !transportFailed.has(row)).map((row) => row.seq);
    if (unsettled.length === 0) return;
    await module.database.transaction((manager) =>
      manager.createQueryBuilder().update(OutboxMessage).set({ claimedUntil: null }).whereInIds(unsettled).execute(),
    );
  }

  /**
   * A refused row is due again after a backoff; refused `OUTBOX_MAX_ATTEMPTS` times, it is
   * dead-lettered instead, and the rows it held back flow on. A transport failure (the
   * subscriber's process did not answer) is an outage, not a poison event: the whole batch waits
   * out one backoff together, without a limit.
   */
  private async recordFailure(manager: EntityManager, module: HostedDatabase, failure: Failure): Promise<void> {
    const lastError = failure.reason.slice(0, 1000);
    const repository = manager.getRepository(OutboxMessage);
    if (!failure.refused) {
      const [first] = failure.rows;
      const attempts = first.attempts + 1;
      if (attempts === 1 || attempts % 10 === 0)
        this.logger.warn(
          `${first.subscriber} unreachable for ${failure.rows.length} event(s) (${failure.reason}); attempt ${attempts}, retrying`,
        );
      await manager
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ attempts: () => '"attempts" + 1', nextAttemptAt: this.nextAttemptAt(attempts), lastError, claimedUntil: null })
        .whereInIds(failure.rows.map((row) => row.seq))
        .execute();
      return;
    }
    const { row, reason } = failure;
    const attempts = row.attempts + 1;
    const refusals = row.refusals + 1;
    if (refusals >= this.config.outboxMaxAttempts) {
      this.logger.warn(
        `${row.pattern} → ${row.subscriber} (${module.name} seq ${row.seq}): dead-lettered after ${refusals} refusals (${reason})`,
      );
      const deadLetteredAt = new Date().toISOString();
      await repository.update(
        { seq: row.seq },
        { attempts, refusals, lastError, deadLetteredAt, deadLetterReason: lastError, claimedUntil: null },
      );
      return;
    }
    if (attempts === 1 || attempts % 10 === 0)
      this.logger.warn(`${row.pattern} → ${row.subscriber}: attempt ${attempts} failed (${reason}); retrying`);
    await repository.update(
      { seq: row.seq },
      { attempts, refusals, nextAttemptAt: this.nextAttemptAt(attempts), lastError, claimedUntil: null },
    );
  }

  private nextAttemptAt(attempts: number): number {
    return Date.now() + backoffDelayMs(attempts, 250, this.config.outboxMaxBackoffMs);
  }
}

function toDelivery(row: DueRow): EventDelivery {
  return {
    eventId: row.eventId,
    pattern: row.pattern,
    source: row.source,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    occurredAt: row.occurredAt,
    traceparent: row.traceparent,
    actor: JSON.parse(row.actor) as Actor,
  };
}
