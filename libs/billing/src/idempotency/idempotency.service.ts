import { ModuleDatabase, toModuleError } from '@app/platform';
import { HttpException, Injectable } from '@nestjs/common';
import { IdempotencyKey } from '../database/idempotency-key.entity';
import { requestHash } from './request-hash';
import { BillingErrors } from '../billing.errors';

const KEEP_FOR_MS = 24 * 60 * 60 * 1000;

export interface IdempotencyScope {
  userId: string;
  operation: string;
  key?: string;
}

/**
 * Stripe-style idempotency: the first request with a key runs; a retry with the same key and
 * parameters gets the first result again (success or failure); other parameters get 422.
 * The key is reserved in its own transaction before the work starts, so the work runs once.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly db: ModuleDatabase) {}

  async run<T extends object>(scope: IdempotencyScope, request: object, work: () => Promise<T>): Promise<T> {
    if (!scope.key) return work();
    const id = { userId: scope.userId, operation: scope.operation, key: scope.key };
    const hash = requestHash(request);
    const earlier = await this.reserve(id, hash);
    if (earlier) return this.replay<T>(earlier, hash);
    try {
      const result = await work();
      await this.remember(id, 201, result);
      return result;
    } catch (error) {
      const body = toModuleError(error);
      await (body.code === 'INTERNAL' ? this.release(id) : this.remember(id, body.status, body));
      throw error;
    }
  }

  /**
   * Inserts an in-flight row, or returns the unexpired row already there. Two concurrent first
   * requests on PostgreSQL both find no row; the loser's insert hits the primary key, and it gets
   * the winner's row (so 409 or a replay, never a 500).
   */
  private async reserve(id: Pick<IdempotencyKey, 'userId' | 'operation' | 'key'>, hash: string): Promise<IdempotencyKey | null> {
    try {
      return await this.insertOrFind(id, hash);
    } catch (error) {
      const existing = await this.db.read((manager) => manager.getRepository(IdempotencyKey).findOneBy(id));
      if (existing) return existing;
      throw error;
    }
  }

  private insertOrFind(id: Pick<IdempotencyKey, 'userId' | 'operation' | 'key'>, hash: string): Promise<IdempotencyKey | null> {
    return this.db.transaction(async (manager) => {
      const keys = manager.getRepository(IdempotencyKey);
      const existing = await keys.findOneBy(id);
      const now = new Date();
      if (existing && existing.expiresAt > now.toISOString()) return existing;
      if (existing) await keys.delete(id);
      const expiresAt = new Date(now.getTime() + KEEP_FOR_MS).toISOString();
      await keys.insert({
        ...id,
        requestHash: hash,
        state: 'in_flight',
        responseStatus: null,
        responseBody: null,
        createdAt: now.toISOString(),
        expiresAt,
      });
      return null;
    });
  }

  private replay<T>(earlier: IdempotencyKey, hash: string): T {
    if (earlier.requestHash !== hash) {
      throw BillingErrors.idempotencyKeyReused();
    }
    if (earlier.state === 'in_flight') {
      throw BillingErrors.idempotencyKeyInUse();
    }
    const body = JSON.parse(earlier.responseBody ?? '{}') as T & { code?: string; message?: string };
    if ((earlier.responseStatus ?? 500) >= 400)
      throw new HttpException({ code: body.code, message: body.message }, earlier.responseStatus!);
    return body;
  }

  private remember(id: Pick<IdempotencyKey, 'userId' | 'operation' | 'key'>, status: number, body: object): Promise<unknown> {
    return this.db.transaction((manager) =>
      manager.getRepository(IdempotencyKey).update(id, { state: 'done', responseStatus: status, responseBody: JSON.stringify(body) }),
    );
  }

  private release(id: Pick<IdempotencyKey, 'userId' | 'operation' | 'key'>): Promise<unknown> {
    return this.db.transaction((manager) => manager.getRepository(IdempotencyKey).delete(id));
  }
}
