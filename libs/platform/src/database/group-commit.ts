import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { currentContext, InContext, outsideAnyContext } from './async-context';

/** What one step of a unit came to: its value, or the error it was rolled back for. */
export type StepOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A piece of work waiting for a group: one step (a transaction) or several in order (inOrder). */
export interface Unit {
  steps: Array<(manager: EntityManager) => Promise<unknown>>;
  /** The async context of whoever enqueued it: every step runs in it, never in another unit's. */
  inContext: InContext;
  /** Called after COMMIT with one outcome per step that ran (steps after a failure do not). */
  settle(outcomes: Array<StepOutcome<unknown>>): void;
  /** The group did not commit: nothing of this unit was kept. */
  fail(error: unknown): void;
}

/** Callbacks to run once the transaction a manager belongs to has committed. */
export type CommitHooks = WeakMap<EntityManager, Array<() => void>>;

interface Ran {
  unit: Unit;
  outcomes: Array<StepOutcome<unknown>>;
  hooks: Array<() => void>;
}

/** Steps per group at most: a group holds the single writer for as long as its steps take. */
export const MAX_GROUP_STEPS = 64;

/**
 * Group commit on SQLite's single writer connection. Units that arrive while a group runs wait,
 * then run together in one BEGIN … COMMIT, each step in a SAVEPOINT of its own: a failing step is
 * rolled back to its savepoint alone, the others stay. A kept step's savepoint is not released:
 * the next one nests inside it, ROLLBACK TO undoes only the innermost, and COMMIT keeps them all,
 * so each step costs one statement of transaction control. Callers hear back only after COMMIT; if
 * COMMIT fails, every unit of the group fails. One fsync (or none, with synchronous=NORMAL)
 * covers the whole group instead of one per transaction.
 */
export class GroupCommit {
  private readonly queue: Unit[] = [];
  private flushing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly hooks: CommitHooks,
    private readonly maxSteps = MAX_GROUP_STEPS,
  ) {}

  enqueue(unit: Omit<Unit, 'inContext'>): void {
    this.queue.push({ ...unit, inContext: currentContext() });
    if (this.flushing) return;
    this.flushing = true;
    // The loop belongs to no caller: it must not carry the first caller's trace into the others.
    outsideAnyContext(() => void this.flush());
  }

  /** Resolves once every unit queued so far has been committed or failed. */
  idle(): Promise<void> {
    return new Promise((resolve) => this.enqueue({ steps: [], settle: () => resolve(), fail: () => resolve() }));
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.runGroup(this.takeGroup());
    } finally {
      this.flushing = false;
    }
  }

  private takeGroup(): Unit[] {
    let steps = 0;
    let count = 0;
    while (count < this.queue.length && (count === 0 || steps + this.queue[count].steps.length <= this.maxSteps)) {
      steps += this.queue[count].steps.length;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async runGroup(units: Unit[]): Promise<void> {
    const stepCount = units.reduce((sum, unit) => sum + unit.steps.length, 0);
    if (stepCount === 0) return units.forEach((unit) => unit.settle([]));
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
    } catch (error) {
      return units.forEach((unit) => unit.fail(error));
    }
    // One step alone needs no savepoint: its failure is the group's ROLLBACK.
    const savepoints = stepCount > 1;
    const ran: Ran[] = [];
    let broken: unknown;
    for (const unit of units) {
      if (broken !== undefined) {
        this.queue.unshift(...units.slice(units.indexOf(unit)));
        break;
      }
      const entry: Ran = { unit, outcomes: [], hooks: [] };
      ran.push(entry);
      for (const step of unit.steps) {
        const manager = this.dataSource.createEntityManager(runner);
        const hooks: Array<() => void> = [];
        this.hooks.set(manager, hooks);
        if (savepoints) {
          // Without its own savepoint, ROLLBACK TO would undo the unit before: give up the group.
          broken = await runner.query('SAVEPOINT unit_of_work').then(
            () => undefined,
            (error: unknown) => error ?? new Error('could not open a savepoint'),
          );
          if (broken !== undefined) {
            entry.outcomes.push({ ok: false, error: broken });
            break;
          }
        }
        try {
          const value = await unit.inContext(() => step(manager));
          entry.outcomes.push({ ok: true, value });
          entry.hooks.push(...hooks);
        } catch (error) {
          entry.outcomes.push({ ok: false, error });
          if (savepoints) broken = await this.rollBackStep(runner);
          break;
        } finally {
          this.hooks.delete(manager);
        }
      }
    }
    const anyKept = broken === undefined && ran.some(({ outcomes }) => outcomes.some((outcome) => outcome.ok));
    try {
      if (broken !== undefined) throw broken instanceof Error ? broken : new Error('rolling back to a savepoint failed');
      if (anyKept) await runner.commitTransaction();
      else await runner.rollbackTransaction();
    } catch (error) {
      await rollBackOrReset(runner);
      return ran.forEach(({ unit }) => unit.fail(error));
    }
    for (const { unit, outcomes, hooks } of ran) {
      unit.settle(outcomes);
      for (const hook of hooks) unit.inContext(() => runHook(hook));
    }
  }

  /** Undoes a failed step; returns an error only if the transaction itself is gone. */
  private async rollBackStep(runner: QueryRunner): Promise<unknown> {
    try {
      await runner.query('ROLLBACK TO unit_of_work');
      return undefined;
    } catch (error) {
      return error ?? new Error('rollback to savepoint failed');
    }
  }
}

function runHook(hook: () => void): void {
  try {
    hook();
  } catch {
    // A hook is a notification (wake the relay); its failure must not undo a commit.
  }
}

/** After a failed COMMIT: roll back, or if SQLite already did, tell TypeORM so. */
async function rollBackOrReset(runner: QueryRunner): Promise<void> {
  try {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
  } catch {
    const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    state.isTransactionActive = false;
    state.transactionDepth = 0;
  }
}
