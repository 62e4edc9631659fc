import { ModuleDatabase } from '@app/platform';
import { PostgresCluster, testPort } from '@app/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { GatewayTables1764100000000 } from '../src/sagas/gateway-tables.migration';
import { SagaConfig } from '../src/sagas/saga.config';
import { SagaInstance } from '../src/sagas/saga-instance.entity';
import { LeaseLostError, SagaLog } from '../src/sagas/saga-log';

const postgres = PostgresCluster.isInstalled() ? new PostgresCluster(testPort(23060)) : undefined;
const schema = { entities: [SagaInstance], migrations: [GatewayTables1764100000000] };

const stores: Array<[string, boolean]> = [['SQLite', false], ...(postgres ? [['PostgreSQL', true] as [string, boolean]] : [])];

describe.each<[string, boolean]>(stores)('the saga log (two gateway replicas on one database), on %s', (_, onPostgres) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'saga-log-'));
  let database: ModuleDatabase;
  const config: SagaConfig = { leaseMs: 60_000, recoveryIntervalMs: 0 };
  let one: SagaLog;
  let two: SagaLog;

  beforeAll(async () => {
    const options: DataSourceOptions = onPostgres
      ? { type: 'postgres', url: postgres!.moduleUrls().GATEWAY_DATABASE_URL, schema: 'gateway', ...schema }
      : { type: 'sqlite', database: join(dataDir, 'gateway.sqlite'), ...schema };
    if (onPostgres) await postgres!.start();
    const dataSource = await new DataSource(options).initialize();
    await dataSource.runMigrations();
    database = new ModuleDatabase('gateway', dataSource);
    one = new SagaLog(database, config);
    two = new SagaLog(database, config);
  }, 60_000);

  afterAll(async () => {
    await database.close();
    if (onPostgres) postgres!.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const expire = (id: string) =>
    database.transaction((manager) => manager.update(SagaInstance, { id }, { leaseUntil: new Date(Date.now() - 1).toISOString() }));

  it('keeps one unfinished instance per key (409), and a new one once the first has finished', async () => {
    const first = await one.start('signup', 'ada@example.com', 'register', {});
    await expect(two.start('signup', 'ada@example.com', 'register', {})).rejects.toMatchObject({ status: 409 });
    await one.finish(first, 'failed', { lastError: 'EMAIL_TAKEN' });
    await expect(two.start('signup', 'ada@example.com', 'register', {})).resolves.toMatchObject({ state: 'running' });
  });

  it('does not hand out an instance whose lease is still held', async () => {
    await one.start('signup', 'held@example.com', 'register', {});
    expect((await two.claimAbandoned()).map((instance) => instance.key)).not.toContain('held@example.com');
  });

  it('lets exactly one replica take over an expired lease; the one that lost it can write no more', async () => {
    const instance = await one.start('signup', 'lost@example.com', 'subscribe', {});
    await expire(instance.id);

    const [a, b] = await Promise.all([one.claimAbandoned(), two.claimAbandoned()]);
    const winners = [...a, ...b].filter((claimed) => claimed.id === instance.id);
    expect(winners).toHaveLength(1);
    expect(winners[0].attempts).toBe(2);

    const winner = a.includes(winners[0]) ? one : two;
    const loser = winner === one ? two : one;
    await expect(loser.advance({ ...instance, leaseOwner: loser.owner }, { step: 'done' })).rejects.toBeInstanceOf(LeaseLostError);
    await winner.finish(winners[0], 'compensated');
    const [row] = await loser.list('compensated', 10);
    expect(row).toMatchObject({ id: instance.id, state: 'compensated', attempts: 2, leaseOwner: null, finishedAt: expect.any(String) });
  });

  it('hands an instance released for a retry back only after its backoff', async () => {
    const instance = await one.start('signup', 'retry@example.com', 'cancel_registration', {});
    await one.release(instance, 'auth unreachable', 60_000);
    expect((await two.claimAbandoned()).map((claimed) => claimed.id)).not.toContain(instance.id);
    await expire(instance.id);
    expect((await two.claimAbandoned()).map((claimed) => claimed.id)).toContain(instance.id);
  });
});
