import { uniqueEmail } from '../support/accounts';
import { eventually } from '../support/eventually';
import { reconcileOnPostgres } from './replica-reconciliation';
import { instanceOf, subscriptionsPerReplica } from './replica-metrics';
import { signUpTimed, SignupStream, TimedSignup } from './signup-stream';
import { useReplicatedSystem } from './replicated-system';

const WORKERS = 3;
const OUTAGE_MS = 3000;
/** The deadline of every call (a loaded CI machine hashes passwords slowly; the outage's 503s come long before it). */
const CALL_TIMEOUT_MS = 4000;
/** A signup sent this long after the broker went away finds every connection already broken. */
const SETTLE_MS = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 8, "restart the NATS server mid-stream", on `nats-replicas` (billing twice, every module on
 * PostgreSQL, ADR 0028): the broker is stopped during a stream of signups and started again on
 * the same port three seconds later. Every signup sent while it is away (probes, one after
 * another, besides the stream) is answered 503 MODULE_UNAVAILABLE well within its deadline, and
 * every failure overlaps the outage; once it is back, every process reconnects by
 * itself (none is restarted), both billing replicas rejoin billing's queue group and serve, and
 * the reconciliation from PostgreSQL and the ledger finds users, subscriptions, invoices, audit
 * entries and notifications neither lost nor doubled.
 */
describe('the NATS broker restarted during a stream of signups, billing on two replicas ("nats-replicas")', () => {
  const {
    postgres,
    nats: broker,
    system,
  } = useReplicatedSystem(26000, {
    CALL_TIMEOUT_MS: String(CALL_TIMEOUT_MS),
    SAGA_RECOVERY_INTERVAL_MS: '300',
  });
  const replicas = ['billing#1', 'billing#2'];
  const signups: TimedSignup[] = [];

  /** One signup after another, from SETTLE_MS after the broker went until `until`. */
  async function probeUntil(until: number): Promise<TimedSignup[]> {
    await sleep(SETTLE_MS);
    const probes: TimedSignup[] = [];
    while (Date.now() < until) {
      const probe: TimedSignup = { email: uniqueEmail('broker-away'), startedAt: Date.now() };
      await signUpTimed(system, probe);
      probes.push(probe);
    }
    return probes;
  }

  it('answers 503 within the deadline while the broker is away, and recovers by itself when it is back', async () => {
    const pids = system.processNames().map((name) => system.process(name).pid);
    const stream = new SignupStream(system, 'broker-restart', { workers: WORKERS, limit: 200, pauseMs: 150 });
    await sleep(2000);
    await broker.stop();
    const downAt = Date.now();
    // The stream's workers may all be inside slow signups when it goes: probe the outage apart from them.
    const whileDown = await probeUntil(downAt + OUTAGE_MS);
    const upAt = Date.now();
    await broker.start();
    // Healthy again means every gateway: each reconnects to the broker on its own backoff (up to 2 s apart).
    const everyGatewayHealthy = async () => {
      for (const baseUrl of system.baseUrls) expect((await fetch(`${baseUrl}/health`)).status).toBe(200);
    };
    await eventually(everyGatewayHealthy, 20_000, 200);
    const healthyAt = Date.now();
    const recoveredMs = healthyAt - upAt;
    await sleep(2000);
    signups.push(...(await stream.stop()), ...whileDown);

    const slowest = Math.max(...whileDown.map((probe) => probe.endedAt! - probe.startedAt));
    console.log(
      `[broker-restart replicas] broker away ${upAt - downAt} ms, healthy ${recoveredMs} ms after its start; ` +
        `${signups.length} signups, ${whileDown.length} sent while it was away, ${signups.filter((s) => s.status !== 201).length} not 201 in all, slowest answer then ${slowest} ms (deadline ${CALL_TIMEOUT_MS} ms)`,
    );
    expect(whileDown.length).toBeGreaterThanOrEqual(2);
    for (const signup of whileDown)
      expect({ status: signup.status, code: signup.code }).toEqual({ status: 503, code: 'MODULE_UNAVAILABLE' });
    expect(slowest).toBeLessThan(CALL_TIMEOUT_MS);
    // Every failure overlapped the outage: none was sent after the system said it was healthy again.
    expect(signups.filter((s) => s.status !== 201 && (s.endedAt! < downAt || s.startedAt > healthyAt))).toEqual([]);
    expect(system.processNames().map((name) => system.process(name).pid)).toEqual(pids);
  }, 120_000);

  it('serves from both billing replicas again once the broker is back', async () => {
    const instances = replicas.map((name) => instanceOf(system, name));
    const before = await subscriptionsPerReplica(system, instances);
    const grew = (now: Map<string, number>) => instances.every((instance) => (now.get(instance) ?? 0) > (before.get(instance) ?? 0));
    let now = before;
    for (let attempt = 0; attempt < 20 && !grew(now); attempt++) {
      const signup: TimedSignup = { email: uniqueEmail('broker-back'), startedAt: Date.now() };
      await signUpTimed(system, signup);
      signups.push(signup);
      expect(signup.status).toBe(201);
      now = await subscriptionsPerReplica(system, instances);
    }
    console.log(
      `[broker-restart replicas] subscriptions per replica: before ${JSON.stringify([...before])}, after ${JSON.stringify([...now])}`,
    );
    expect(grew(now)).toBe(true);
  }, 90_000);

  it('reconciles: users, subscriptions, invoices, audit entries and notifications, nothing lost or doubled', async () => {
    const report = await eventually(() => reconcileOnPostgres(postgres.url, system.dataDir, signups), 45_000, 500);
    console.log(`[broker-restart replicas] reconciled: ${JSON.stringify(report)}`);
    expect(report.kept + report.undone).toBe(signups.length);
    expect(report.ledger.movedTwice).toBe(0);
    expect(report.answers['201']).toBeGreaterThanOrEqual(4);
  }, 90_000);
});
