import { ModuleDatabase } from '@app/platform';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { EntityManager, In, IsNull, LessThan, Not } from 'typeorm';
import { SAGA_CONFIG, SagaConfig } from './saga.config';
import { FINAL_SAGA_STATES, SagaInstance, SagaState } from './saga-instance.entity';

/** Another process took the instance over (our lease ran out): stop working on it. */
export class LeaseLostError extends Error {
  constructor(id: string) {
    super(`the lease on saga ${id} was lost`);
    this.name = 'LeaseLostError';
  }
}

export interface SagaPatch {
  state?: SagaState;
  step?: string;
  data?: object;
  lastError?: string | null;
}

const now = () => new Date().toISOString();
const later = (ms: number) => new Date(Date.now() + ms).toISOString();

/**
 * The gateway's saga log: every instance and every step it reached, in the gateway's own
 * database. Each write is conditional on this process still holding the instance's lease, so two
 * gateway replicas never both drive one instance.
 */
@Injectable()
export class SagaLog {
  /** This process, as a lease holder. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly db: ModuleDatabase,
    @Inject(SAGA_CONFIG) private readonly config: SagaConfig,
  ) {}

  /** Records a new instance, leased to this process. 409 while another instance of `key` is unfinished. */
  async start(type: string, key: string, firstStep: string, data: object): Promise<SagaInstance> {
    const at = now();
    const instance: SagaInstance = {
      id: randomUUID(),
      type,
      key,
      state: 'running',
      step: firstStep,
      attempts: 1,
      lastError: null,
      data: JSON.stringify(data),
      leaseOwner: this.owner,
      leaseUntil: later(this.config.leaseMs),
      createdAt: at,
      updatedAt: at,
      finishedAt: null,
    };
    try {
      await this.db.transaction((manager) => manager.insert(SagaInstance, instance));
    } catch (error) {
      const active = await this.db.read((manager) => manager.findOneBy(SagaInstance, { type, key, finishedAt: IsNull() }));
      if (!active) throw error;
      throw new ConflictException({
        code: `${type.toUpperCase()}_IN_PROGRESS`,
        message: `a ${type} with this key (${key}) is still in progress; try again once it has finished`,
      });
    }
    return instance;
  }

  /** Records progress and renews the lease; LeaseLostError if another process has the instance now. */
  async advance(instance: SagaInstance, patch: SagaPatch): Promise<void> {
    await this.write(instance, patch, { leaseUntil: later(this.config.leaseMs) });
  }

  /** Records a final state and gives the lease up. */
  async finish(instance: SagaInstance, state: SagaState, patch: SagaPatch = {}): Promise<void> {
    const at = now();
    await this.write(instance, { ...patch, state }, { leaseOwner: null, leaseUntil: null, finishedAt: at });
  }

  /** Gives the instance back unfinished, to be retried by the recovery loop after `retryInMs`. */
  async release(instance: SagaInstance, lastError: string, retryInMs: number): Promise<void> {
    await this.write(instance, { lastError }, { leaseOwner: null, leaseUntil: later(retryInMs) });
  }

  /**
   * Takes over up to `limit` unfinished instances whose lease has run out (their process died, or
   * handed them back for a retry), each with a conditional update that one process alone wins.
   */
  async claimAbandoned(limit = 20): Promise<SagaInstance[]> {
    const at = now();
    const candidates = await this.db.read((manager) =>
      manager.find(SagaInstance, {
        where: [
          { finishedAt: IsNull(), leaseUntil: IsNull() },
          { finishedAt: IsNull(), leaseUntil: LessThan(at) },
        ],
        order: { createdAt: 'ASC' },
        take: limit,
      }),
    );
    const claimed: SagaInstance[] = [];
    for (const candidate of candidates) {
      const leaseUntil = later(this.config.leaseMs);
      const won = await this.db.transaction(async (manager) => {
        const result = await manager
          .createQueryBuilder()
          .update(SagaInstance)
          .set({ leaseOwner: this.owner, leaseUntil, attempts: () => '"attempts" + 1', updatedAt: now() })
          .where('id = :id AND "finishedAt" IS NULL', { id: candidate.id })
          .andWhere('("leaseUntil" IS NULL OR "leaseUntil" < :at)', { at })
          .execute();
        return (result.affected ?? 0) === 1;
      });
      if (won) claimed.push({ ...candidate, leaseOwner: this.owner, leaseUntil, attempts: candidate.attempts + 1 });
    }
    return claimed;
  }

  /** Instances for admins, newest first. */
  list(state: SagaState | undefined, limit: number): Promise<SagaInstance[]> {
    return this.db.read((manager) =>
      manager.find(SagaInstance, { where: state ? { state } : {}, order: { createdAt: 'DESC' }, take: limit }),
    );
  }

  /** How many instances are not finished yet. */
  unfinished(): Promise<number> {
    return this.db.read((manager) => manager.countBy(SagaInstance, { state: Not(In([...FINAL_SAGA_STATES])) }));
  }

  private async write(instance: SagaInstance, patch: SagaPatch, lease: Partial<SagaInstance>): Promise<void> {
    const changes: Partial<SagaInstance> = {
      ...(patch.state ? { state: patch.state } : {}),
      ...(patch.step ? { step: patch.step } : {}),
      ...(patch.data ? { data: JSON.stringify(patch.data) } : {}),
      ...(patch.lastError !== undefined ? { lastError: patch.lastError?.slice(0, 500) ?? null } : {}),
      ...lease,
      updatedAt: now(),
    };
    const won = await this.db.transaction((manager: EntityManager) => this.update(manager, instance, changes));
    if (!won) throw new LeaseLostError(instance.id);
    Object.assign(instance, changes);
  }

  private async update(manager: EntityManager, instance: SagaInstance, changes: Partial<SagaInstance>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(SagaInstance)
      .set(changes)
      .where('id = :id AND "leaseOwner" = :owner AND "finishedAt" IS NULL', { id: instance.id, owner: this.owner })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
