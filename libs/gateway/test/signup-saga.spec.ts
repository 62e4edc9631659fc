import { ANONYMOUS_ACTOR, AuthClient, BillingClient, CancelRegistrationRequest, UserView } from '@app/contracts';
import { MessageContext, ModuleCallError, ModuleDatabase, newTrace } from '@app/platform';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { GatewayTables1764100000000 } from '../src/sagas/gateway-tables.migration';
import { SagaConfig } from '../src/sagas/saga.config';
import { SagaInstance } from '../src/sagas/saga-instance.entity';
import { SagaLog } from '../src/sagas/saga-log';
import { SagaRecovery } from '../src/sagas/saga-recovery';
import { SignupSaga } from '../src/signup/signup.saga';

const USER: UserView = { id: '3f1c1c8e-4c7a-4b7e-9d3e-0a1b2c3d4e5f', email: 'ada@example.com', roles: ['user'], createdAt: '' };
const declined = new ModuleCallError({ status: 402, code: 'PAYMENT_DECLINED', message: 'declined' });
const taken = new ModuleCallError({ status: 409, code: 'EMAIL_TAKEN', message: 'taken' });
const unreachable = ModuleCallError.unavailable('auth', 'connection refused');

/** Auth and billing as the saga sees them: each answer scripted, each cancel recorded. */
class FakeModules {
  register: () => Promise<UserView> = () => Promise.resolve(USER);
  subscribe: () => Promise<unknown> = () => Promise.resolve({ id: 'sub-1', status: 'active' });
  cancelFailures = 0;
  readonly cancels: CancelRegistrationRequest[] = [];
  readonly auth = {
    register: () => this.register(),
    cancelRegistration: (request: CancelRegistrationRequest) => {
      this.cancels.push(request);
      if (this.cancelFailures-- > 0) return Promise.reject(unreachable);
      return Promise.resolve({ userId: request.userId ?? null, cancelled: true });
    },
  } as unknown as AuthClient;
  readonly billing = { createSubscription: () => this.subscribe() } as unknown as BillingClient;
}

describe('the signup saga and its log', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'signup-saga-'));
  const config: SagaConfig = { leaseMs: 60_000, recoveryIntervalMs: 0 };
  let database: ModuleDatabase;
  let fakes: FakeModules;
  let log: SagaLog;
  let saga: SignupSaga;
  let n = 0;

  beforeAll(async () => {
    const dataSource = await new DataSource({
      type: 'sqlite',
      database: join(dataDir, 'gateway.sqlite'),
      entities: [SagaInstance],
      migrations: [GatewayTables1764100000000],
    }).initialize();
    await dataSource.runMigrations();
    database = new ModuleDatabase('gateway', dataSource);
  });
  beforeEach(() => {
    fakes = new FakeModules();
    log = new SagaLog(database, config);
    saga = new SignupSaga(fakes.auth, fakes.billing, log);
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const email = () => `Saga-${++n}@Example.com`;
  const signUp = (address: string) =>
    MessageContext.run({ trace: newTrace(), actor: ANONYMOUS_ACTOR, module: 'gateway' }, () =>
      saga.run({ email: address, password: 'correct horse battery', planId: 'basic-monthly', paymentToken: 'tok_ok' }),
    );
  const rowOf = (address: string) => database.read((manager) => manager.findOneByOrFail(SagaInstance, { key: address.toLowerCase() }));
  const expire = (id: string) =>
    database.transaction((manager) => manager.update(SagaInstance, { id }, { leaseUntil: new Date(Date.now() - 1).toISOString() }));

  it('logs a signup that went through as completed at step done, without the password', async () => {
    const address = email();
    await expect(signUp(address)).resolves.toMatchObject({ user: USER });
    const row = await rowOf(address);
    expect(row).toMatchObject({ state: 'completed', step: 'done', attempts: 1, leaseOwner: null, finishedAt: expect.any(String) });
    expect(JSON.parse(row.data)).toEqual({
      email: address.toLowerCase(),
      planId: 'basic-monthly',
      idempotencyKey: expect.any(String),
      userId: USER.id,
    });
    expect(row.data).not.toContain('horse');
  });

  it('compensates a failed payment by user id and answers with the payment error', async () => {
    const address = email();
    fakes.subscribe = () => Promise.reject(declined);
    await expect(signUp(address)).rejects.toBe(declined);
    expect(fakes.cancels).toEqual([{ userId: USER.id, reason: 'PAYMENT_DECLINED: declined' }]);
    expect(await rowOf(address)).toMatchObject({
      state: 'compensated',
      step: 'cancel_registration',
      lastError: 'PAYMENT_DECLINED: declined',
    });
  });

  it('ends as failed, undoing nothing, when auth refused the registration (4xx)', async () => {
    const address = email();
    fakes.register = () => Promise.reject(taken);
    await expect(signUp(address)).rejects.toBe(taken);
    expect(fakes.cancels).toEqual([]);
    expect(await rowOf(address)).toMatchObject({ state: 'failed', step: 'register', lastError: 'EMAIL_TAKEN: taken' });
  });

  it('cancels by email, since the saga began, when the register step has no answer (503/504)', async () => {
    const address = email();
    fakes.register = () => Promise.reject(unreachable);
    await expect(signUp(address)).rejects.toBe(unreachable);
    const row = await rowOf(address);
    expect(fakes.cancels).toEqual([{ email: address.toLowerCase(), registeredSince: expect.any(String), reason: expect.any(String) }]);
    expect(fakes.cancels[0].registeredSince! < row.createdAt).toBe(true);
    expect(row.state).toBe('compensated');
  });

  it('hands a compensation auth cannot take back to the recovery loop, which finishes it later', async () => {
    const address = email();
    fakes.subscribe = () => Promise.reject(declined);
    fakes.cancelFailures = 3;
    await expect(signUp(address)).rejects.toBe(declined);
    const released = await rowOf(address);
    expect(released).toMatchObject({ state: 'compensating', leaseOwner: null, lastError: expect.stringContaining('MODULE_UNAVAILABLE') });

    await expire(released.id);
    const replica = new SagaLog(database, config); // another gateway, or this one restarted
    await new SagaRecovery(replica, new SignupSaga(fakes.auth, fakes.billing, replica), config).runOnce();
    expect(await rowOf(address)).toMatchObject({ state: 'compensated', attempts: 2 });
    expect(fakes.cancels).toHaveLength(4);
  });

  it('compensates, after its lease ran out, an instance whose gateway died mid-step (presumed abort)', async () => {
    const address = email();
    const lost = await new SagaLog(database, config).start('signup', address.toLowerCase(), 'subscribe', {
      email: address.toLowerCase(),
      planId: 'basic-monthly',
      idempotencyKey: 'k',
      userId: USER.id,
    });
    const recovery = new SagaRecovery(log, saga, config);
    await recovery.runOnce();
    expect(await rowOf(address)).toMatchObject({ state: 'running', attempts: 1 }); // its lease still holds

    await expire(lost.id);
    await recovery.runOnce();
    expect(fakes.cancels).toEqual([{ userId: USER.id, reason: 'the orchestrator was lost at step subscribe; presumed abort' }]);
    expect(await rowOf(address)).toMatchObject({ state: 'compensated', attempts: 2, lastError: expect.stringContaining('presumed abort') });
  });
});
