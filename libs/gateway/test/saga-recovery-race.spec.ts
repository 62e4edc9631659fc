import { ModuleDatabase } from '@app/platform';
import { PostgresCluster, testPort } from '@app/testing';
import { Logger } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { GatewayTables1764100000000 } from '../src/sagas/gateway-tables.migration';
import { SagaConfig } from '../src/sagas/saga.config';
import { SagaInstance } from '../src/sagas/saga-instance.entity';
import { SagaLog } from '../src/sagas/saga-log';
import { SagaRecovery } from '../src/sagas/saga-recovery';
import { SIGNUP_SAGA, SignupSaga } from '../src/signup/signup.saga';

const ABANDONED = 60;
const config: SagaConfig = { leaseMs: 60_000, recoveryIntervalMs: 0 };

/** One gateway replica as far as recovery goes: its own pool, saga log and recovery loop. */
interface Gateway {
  database: ModuleDatabase;
  log: SagaLog;
  recovery: SagaRecovery;
  compensated: string[];
}

async function startGateway(url: string): Promise<Gateway> {
  const dataSource = await new DataSource({ type: 'postgres', url, schema: 'gateway', entities: [SagaInstance] }).initialize();
  const database = new ModuleDatabase('gateway', dataSource);
  const log = new SagaLog(database, config);
  const compensated: string[] = [];
  // The real compensation calls auth and billing; here it only records who drove which instance, then finishes it.
  const signup = {
    compensate: async (instance: SagaInstance) => {
      compensated.push(instance.id);
      await new Promise((resolve) => setTimeout(resolve, 2));
      await log.finish(instance, 'compensated');
    },
  } as unknown as SignupSaga;
  return { database, log, recovery: new SagaRecovery(log, signup, config), compensated };
}

/**
 * ADR 0030: two gateway replicas over one PostgreSQL schema run their recovery passes at the same
 * moment over the same abandoned instances. Each instance must be taken over, and compensated,
 * by exactly one of them: the claim is a conditional UPDATE that only one transaction can win.
 */
describe('two gateways recovering the same abandoned sagas on PostgreSQL', () => {
  const postgres = new PostgresCluster(testPort(22970));
  const gateways: Gateway[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    await postgres.start();
    const url = postgres.moduleUrls().GATEWAY_DATABASE_URL;
    const migrator = await new DataSource({
      type: 'postgres',
      url,
      schema: 'gateway',
      migrations: [GatewayTables1764100000000],
    }).initialize();
    await migrator.runMigrations();
    await migrator.destroy();
    gateways.push(await startGateway(url), await startGateway(url));
  }, 60_000);

  afterAll(async () => {
    for (const gateway of gateways) await gateway.database.close();
    postgres.stop();
  });

  it('takes over and compensates each abandoned instance once, whichever gateway wins it', async () => {
    const [one, two] = gateways;
    const abandoned: SagaInstance[] = [];
    for (let index = 0; index < ABANDONED; index++)
      abandoned.push(await one.log.start(SIGNUP_SAGA, `race-${index}@example.com`, 'subscribe', {}));
    // The gateway that started them died: every lease has run out.
    await one.database.transaction((manager) =>
      manager.update(SagaInstance, { finishedAt: IsNull() }, { leaseUntil: new Date(Date.now() - 1).toISOString() }),
    );

    for (let pass = 0; pass < 10 && (await one.log.unfinished()) > 0; pass++) {
      await Promise.all([one.recovery.runOnce(), two.recovery.runOnce()]);
    }

    const driven = [...one.compensated, ...two.compensated];
    expect(driven.sort()).toEqual(abandoned.map((instance) => instance.id).sort());
    const rows = await one.log.list(undefined, 500);
    expect(rows.map((row) => [row.state, row.attempts])).toEqual(abandoned.map(() => ['compensated', 2]));
  }, 60_000);
});
