import { NatsTestServer, testPort } from '@app/testing';
import { join } from 'node:path';
import { newAccount, uniqueEmail } from '../support/accounts';
import { eventually } from '../support/eventually';
import { readSql } from '../support/sqlite-file';
import { SystemUnderTest } from '../support/system-under-test';

const GRACE_MS = 5000;
const WORKERS = 10;
const STREAM_BEFORE_SIGTERM_MS = 400;
const REGISTERED = 'auth.user.registered.v1';

interface Registration {
  email: string;
  status: number;
  code?: string;
  message?: string;
  retryAfter?: string | null;
  /** Sent before SIGTERM, answered after it: in flight when the drain began. */
  inFlightAtSigterm: boolean;
}

/**
 * Issue 6, "graceful drain" (ADR 0017): SIGTERM to the process hosting auth while registrations
 * stream in (~10 in flight). Each one either completes (201) or, arriving once the drain began, is
 * refused 503 MODULE_DRAINING with Retry-After — none sees `Connection closed`; the process exits 0
 * within the grace period; auth's SQLite file (read-only) agrees with every answer; nothing the
 * relay had pending is lost (each registration in audit exactly once after a restart); the system
 * serves again after the restart. On a bus (ADR 0025) the drain unsubscribes the process, so a
 * registration arriving after that finds no process of auth on the bus: 503 MODULE_UNAVAILABLE,
 * as retryable (with a replica of auth it would have gone to the replica).
 */
export function describeGracefulDrain(topologyName: string, basePort: number): void {
  describe(`graceful drain on SIGTERM, in topology "${topologyName}"`, () => {
    const system = new SystemUnderTest(topologyName, testPort(basePort), { SHUTDOWN_GRACE_MS: String(GRACE_MS) });
    const sqlite = (module: string) => join(system.dataDir, `${module}.sqlite`);
    const nats = system.usesBus() ? new NatsTestServer(testPort(basePort) + 70) : undefined;
    const retryable = system.transportOf('auth') === 'tcp' ? ['MODULE_DRAINING'] : ['MODULE_DRAINING', 'MODULE_UNAVAILABLE'];

    beforeAll(async () => {
      await nats?.start();
      await system.start();
    }, 120_000);
    afterAll(async () => {
      await system.stop();
      await nats?.stop();
    }, 60_000);

    it('finishes the registrations in flight, refuses later ones as retryable, exits 0 and loses no event', async () => {
      const target = system.process(system.processOf('auth'));
      const registrations: Registration[] = [];
      let sigtermAt = Infinity;
      const register = async (): Promise<void> => {
        const email = uniqueEmail('drain');
        const sentAt = Date.now();
        try {
          const result = await system.http('POST', '/auth/register', { body: { email, password: 'a-long-enough-password' } });
          const inFlightAtSigterm = sentAt < sigtermAt && Date.now() >= sigtermAt;
          const { code, message } = (result.body ?? {}) as { code?: string; message?: string };
          registrations.push({
            email,
            status: result.status,
            code,
            message,
            retryAfter: result.headers.get('retry-after'),
            inFlightAtSigterm,
          });
        } catch (error) {
          registrations.push({ email, status: 0, message: String((error as Error).cause ?? error), inFlightAtSigterm: true });
        }
      };
      const worker = async () => {
        while (Date.now() < sigtermAt) await register();
      };
      const stream = Promise.all(Array.from({ length: WORKERS }, worker));
      await new Promise((resolve) => setTimeout(resolve, STREAM_BEFORE_SIGTERM_MS));
      sigtermAt = Date.now();
      const exit = await target.terminate();
      await stream;

      const inFlight = registrations.filter((r) => r.inFlightAtSigterm);
      const refused = registrations.filter((r) => r.status === 503);
      const report = {
        registrations: registrations.length,
        created: registrations.filter((r) => r.status === 201).length,
        inFlightAtSigterm: inFlight.length,
        inFlightCompleted: inFlight.filter((r) => r.status === 201).length,
        refusedDraining: refused.length,
        exit,
      };
      expect(registrations.filter((r) => r.status !== 201 && r.status !== 503)).toEqual([]);
      expect(registrations.filter((r) => /connection closed/i.test(r.message ?? ''))).toEqual([]);
      for (const r of refused) expect([retryable.includes(r.code!), r.retryAfter]).toEqual([true, '1']);
      expect(report.inFlightCompleted).toBeGreaterThan(0);
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.ms).toBeLessThan(GRACE_MS);

      const users = new Set((await readSql(sqlite('auth'), 'SELECT email FROM users')).map((row) => row.email as string));
      expect(registrations.filter((r) => r.status === 201 && !users.has(r.email)).map((r) => r.email)).toEqual([]);
      expect(registrations.filter((r) => r.status === 503 && users.has(r.email)).map((r) => r.email)).toEqual([]);
      const pendingAtExit = await readSql(
        sqlite('auth'),
        `SELECT COUNT(*) AS pending FROM outbox_messages WHERE "deliveredAt" IS NULL AND subscriber = 'audit'`,
      );

      await target.start();
      const account = await eventually(() => newAccount(system, 'after-drain'), 15_000, 250);
      expect(account.token).toBeTruthy();

      const created = registrations.filter((r) => r.status === 201).map((r) => r.email);
      const audited = await eventually(
        async () => {
          const rows = await readSql(sqlite('audit'), 'SELECT payload FROM audit_entries WHERE action = ?', [REGISTERED]);
          const perEmail = new Map<string, number>();
          for (const row of rows) {
            const email = (JSON.parse(row.payload as string) as { email: string }).email;
            perEmail.set(email, (perEmail.get(email) ?? 0) + 1);
          }
          expect(created.filter((email) => perEmail.get(email) !== 1)).toEqual([]);
          expect([...perEmail.values()].filter((n) => n !== 1)).toEqual([]);
          return created.length;
        },
        20_000,
        250,
      );
      console.log(
        `[drain ${topologyName}] SIGTERM to "${target.name}": ${JSON.stringify(report)}; ` +
          `audit rows pending at exit ${Number(pendingAtExit[0].pending)}; audited exactly once ${audited}`,
      );
    });
  });
}
