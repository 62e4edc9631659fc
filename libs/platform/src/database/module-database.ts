import { CallerName } from '@app/contracts';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { CommitHooks, GroupCommit, StepOutcome } from './group-commit';
import { PreparedLookup, PreparedLookups } from './prepared-lookup';
import { Tracing, UNTRACED } from '../tracing/tracing';

export type { StepOutcome } from './group-commit';
export type { PreparedLookup } from './prepared-lookup';

/**
 * One module's database and the only door into it.
 *
 * On SQLite there are two connections to the module's file (WAL): the writer, where every
 * transaction goes through group commit (concurrent transactions share one BEGIN … COMMIT, a
 * savepoint each), and a `query_only` reader for `read()`, which never waits for a write and sees
 * only committed rows. On PostgreSQL both are the DataSource's pool and a transaction is a plain
 * `dataSource.transaction`.
 */
export class ModuleDatabase {
  private readonly hooks: CommitHooks = new WeakMap();
  private readonly group?: GroupCommit;
  private readonly lookups: PreparedLookups;

  constructor(
    /** The owner: a business module, or the gateway for its saga log (ADR 0018). */
    readonly module: CallerName,
    /** The writer (SQLite), or the pool (PostgreSQL). */
    readonly dataSource: DataSource,
    /** Where `read()` runs: SQLite's read-only connection, or the same pool. */
    readonly reader: DataSource = dataSource,
    /** Each transaction is a span of the work that asked for it (ADR 0027). */
    private readonly tracing: Tracing = UNTRACED,
  ) {
    if (this.isSqlite) this.group = new GroupCommit(dataSource, this.hooks);
    this.lookups = new PreparedLookups(reader);
  }

  get isSqlite(): boolean {
    return this.dataSource.options.type === 'sqlite';
  }

  /**
   * All-or-nothing work on this module's tables (and its outbox and inbox). Resolves after the
   * commit. Never call another module, or `transaction()` again, from inside `work`.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tracing.inCurrent(`transaction ${this.module}`, this.spanAttributes(1), () => this.untracedTransaction(work));
  }

  private untracedTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.group) return this.plainTransaction(work);
    const group = this.group;
    return new Promise<T>((resolve, reject) =>
      group.enqueue({
        steps: [work],
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the unit's own error, as thrown
        settle: ([outcome]) => (outcome.ok ? resolve(outcome.value as T) : reject(outcome.error)),
        fail: reject,
      }),
    );
  }

  /**
   * Each item in a transaction of its own, in order, stopping at the first that fails. On SQLite
   * they share one group commit (a savepoint each); on PostgreSQL they are sequential
   * transactions. Resolves after the commit with one outcome per item that ran; the items after
   * a failure did not run.
   */
  inOrder<I, T>(items: readonly I[], work: (item: I, manager: EntityManager) => Promise<T>): Promise<Array<StepOutcome<T>>> {
    return this.tracing.inCurrent(`transaction ${this.module}`, this.spanAttributes(items.length), () => this.untracedInOrder(items, work));
  }

  private untracedInOrder<I, T>(
    items: readonly I[],
    work: (item: I, manager: EntityManager) => Promise<T>,
  ): Promise<Array<StepOutcome<T>>> {
    if (!this.group) return this.plainInOrder(items, work);
    const group = this.group;
    return new Promise((resolve, reject) =>
      group.enqueue({
        steps: items.map((item) => (manager: EntityManager) => work(item, manager)),
        settle: (outcomes) => resolve(outcomes as Array<StepOutcome<T>>),
        fail: reject,
      }),
    );
  }

  /** Reads that need no transaction. They see committed rows only and never wait for a write. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return work(this.reader.manager);
  }

  /**
   * A read by primary key for a hot path, prepared once (like `read`, it sees committed rows
   * only): `const findUser = db.byId(User); await findUser(id)`.
   */
  byId<T extends ObjectLiteral>(entity: EntityTarget<T>): PreparedLookup<T> {
    return this.lookups.byId(entity);
  }

  /**
   * Runs `hook` once the transaction `manager` belongs to has committed (never if it rolls
   * back); at once for a manager outside a transaction of this database.
   */
  afterCommit(manager: EntityManager, hook: () => void): void {
    const hooks = this.hooks.get(manager);
    if (hooks) hooks.push(hook);
    else hook();
  }

  private spanAttributes(steps: number) {
    return { 'archipelago.module': this.module, 'db.system.name': this.isSqlite ? 'sqlite' : 'postgresql', 'archipelago.steps': steps };
  }

  /** Waits for queued transactions, then closes the connections. */
  async close(): Promise<void> {
    await this.group?.idle();
    await this.lookups.close();
    if (this.reader !== this.dataSource && this.reader.isInitialized) await this.reader.destroy();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private async plainTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const hooks: Array<() => void> = [];
    const result = await this.dataSource.transaction((manager) => {
      this.hooks.set(manager, hooks);
      return work(manager);
    });
    for (const hook of hooks) {
      try {
        hook();
      } catch {
        // A hook is a notification; its failure must not turn a commit into an error.
      }
    }
    return result;
  }

  private async plainInOrder<I, T>(items: readonly I[], work: (item: I, manager: EntityManager) => Promise<T>) {
    const outcomes: Array<StepOutcome<T>> = [];
    for (const item of items) {
      try {
        outcomes.push({ ok: true, value: await this.plainTransaction((manager) => work(item, manager)) });
      } catch (error) {
        outcomes.push({ ok: false, error });
        break;
      }
    }
    return outcomes;
  }
}
