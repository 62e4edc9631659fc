import { testPort } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { adminToken, loginAs, traceparent, uniqueEmail } from '../support/accounts';
import { eventually } from '../support/eventually';
import { readSql, runSql } from '../support/sqlite-file';
import { SystemUnderTest } from '../support/system-under-test';

/** Small on purpose: the poison is given up after ~6–12 s of retries instead of ~2 minutes. */
const MAX_ATTEMPTS = 15;
const MAX_BACKOFF_MS = 1000;
const USERS = 6;
const PASSWORD = 'correct horse battery';
const MODULES = ['auth', 'billing', 'notification', 'audit'];

interface OutboxRow {
  seq: number;
  eventId: string;
  attempts: number;
  refusals: number;
  deliveredAt: string | null;
  deadLetteredAt: string | null;
  deadLetterReason: string | null;
  lastError: string | null;
}

/**
 * Issue 6, "event delivery that cannot jam": a poison event that notification always refuses
 * (`RECIPIENT_UNKNOWN`), followed by normal traffic, in real processes, reconciled from the
 * module databases (read-only) afterwards.
 *
 * The poison cannot be made through the public API — every billing event is about a user who
 * signed up through auth, whose registration reaches notification sooner or later — so the test
 * writes it, as billing's own code would, into billing's outbox in its SQLite file while the
 * system runs: a `billing.invoice.paid.v1` for a user notification has never heard of.
 */
export function describeEventFaults(topologyName: string, basePort: number): void {
  describe(`event delivery cannot jam, in topology "${topologyName}"`, () => {
    const system = new SystemUnderTest(topologyName, testPort(basePort), {
      OUTBOX_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      OUTBOX_MAX_BACKOFF_MS: String(MAX_BACKOFF_MS),
    });
    const sqlite = (module: string) => join(system.dataDir, `${module}.sqlite`);
    let admin = '';

    beforeAll(async () => {
      await system.start();
      admin = await adminToken(system);
    }, 120_000);
    afterAll(() => system.stop(), 60_000);

    const poisonRow = async (eventId: string) =>
      (await readSql(sqlite('billing'), 'SELECT * FROM outbox_messages WHERE "eventId" = ?', [eventId]))[0] as unknown as OutboxRow;

    it('dead-letters a poison event after the attempt limit while later events flow, lists it to admins, and audits its resubmit', async () => {
      // 1. The poison, then proof that notification refuses it.
      const poisonUser = randomUUID();
      const poisonEvent = randomUUID();
      const payload = {
        invoiceId: randomUUID(),
        subscriptionId: randomUUID(),
        userId: poisonUser,
        planId: 'basic-monthly',
        amountMinor: 900,
        currency: 'EUR',
      };
      await runSql(
        sqlite('billing'),
        'INSERT INTO outbox_messages ("eventId", "pattern", "source", "subscriber", "payload", "traceparent", "actor", "occurredAt", "attempts", "nextAttemptAt", "orderingKey") ' +
          "VALUES (?, 'billing.invoice.paid.v1', 'billing', 'notification', ?, ?, '{\"kind\":\"system\"}', ?, 0, ?, ?)",
        [poisonEvent, JSON.stringify(payload), traceparent().header, new Date().toISOString(), Date.now(), `userId:${poisonUser}`],
      );
      await eventually(async () => expect((await poisonRow(poisonEvent)).lastError).toMatch(/^RECIPIENT_UNKNOWN/), 10_000);

      // 2. Normal traffic behind it: other users' signups, whose receipts go to the same subscriber.
      const emails = Array.from({ length: USERS }, () => uniqueEmail('after-poison'));
      const signups = await Promise.all(
        emails.map((email) =>
          system.http('POST', '/signup', { body: { email, password: PASSWORD, planId: 'basic-monthly', paymentToken: 'tok_ok' } }),
        ),
      );
      expect(signups.map((signup) => signup.status)).toEqual(emails.map(() => 201));
      const users = signups.map((signup) => signup.body.user.id as string);

      // 3. The poison is given up after exactly the attempt limit, for the reason notification gave.
      const dead = await eventually(async () => {
        const row = await poisonRow(poisonEvent);
        expect(row.deadLetteredAt).not.toBeNull();
        return row;
      }, 60_000);
      expect(dead.refusals).toBe(MAX_ATTEMPTS);
      expect(dead.attempts).toBe(MAX_ATTEMPTS);
      expect(dead.deliveredAt).toBeNull();
      expect(dead.deadLetterReason).toMatch(/^RECIPIENT_UNKNOWN: no recipient is known for user/);

      // 4. The later billing → notification events did not wait for it: each was delivered before it was given up.
      const later = (await readSql(
        sqlite('billing'),
        `SELECT "seq", "deliveredAt", "deadLetteredAt" FROM outbox_messages WHERE "subscriber" = 'notification' AND "seq" > ?`,
        [dead.seq],
      )) as unknown as OutboxRow[];
      expect(later).toHaveLength(USERS);
      for (const row of later) {
        expect(row.deadLetteredAt).toBeNull();
        expect(row.deliveredAt).not.toBeNull();
        expect(row.deliveredAt! < dead.deadLetteredAt!).toBe(true);
      }

      // 5. Admins see it; others are refused; wrong addresses are named.
      const listed = await system.http('GET', '/events/dead-letters', { token: admin });
      expect(listed.status).toBe(200);
      expect(listed.body.deadLetters).toEqual([
        expect.objectContaining({
          module: 'billing',
          seq: dead.seq,
          eventId: poisonEvent,
          pattern: 'billing.invoice.paid.v1',
          subscriber: 'notification',
          orderingKey: `userId:${poisonUser}`,
          attempts: MAX_ATTEMPTS,
          refusals: MAX_ATTEMPTS,
          payload,
          reason: expect.stringMatching(/^RECIPIENT_UNKNOWN/),
        }),
      ]);
      expect((await system.http('GET', '/events/dead-letters?module=billing', { token: admin })).body.deadLetters).toHaveLength(1);
      expect((await system.http('GET', '/events/dead-letters?module=auth', { token: admin })).body.deadLetters).toHaveLength(0);
      const user = await loginAs(system, emails[0], PASSWORD);
      const forbidden = await system.http('GET', '/events/dead-letters', { token: user });
      expect(forbidden).toMatchObject({ status: 403, body: { code: 'ROLE_MISSING' } });
      const notAdmin = await system.http('POST', `/events/dead-letters/billing/${dead.seq}/resubmit`, { token: user });
      expect(notAdmin).toMatchObject({ status: 403, body: { code: 'ROLE_MISSING' } });
      const badModule = await system.http('GET', '/events/dead-letters?module=payroll', { token: admin });
      expect(badModule).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED', fields: expect.arrayContaining([expect.objectContaining({ field: 'module' })]) },
      });
      const badSeq = await system.http('POST', '/events/dead-letters/billing/first/resubmit', { token: admin });
      expect(badSeq).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED', fields: expect.arrayContaining([expect.objectContaining({ field: 'seq' })]) },
      });
      const unknownSeq = await system.http('POST', `/events/dead-letters/billing/${dead.seq + 100_000}/resubmit`, { token: admin });
      expect(unknownSeq).toMatchObject({ status: 404, body: { code: 'DEAD_LETTER_NOT_FOUND' } });
      expect(unknownSeq.body.message).toContain(`seq ${dead.seq + 100_000}`);

      // 6. The operator fixes the cause (the recipient notification never learnt), then resubmits.
      await runSql(sqlite('notification'), 'INSERT INTO recipients ("userId", "email", "registeredAt") VALUES (?, ?, ?)', [
        poisonUser,
        uniqueEmail('poisoned'),
        new Date().toISOString(),
      ]);
      const resubmitted = await system.http('POST', `/events/dead-letters/billing/${dead.seq}/resubmit`, { token: admin });
      expect(resubmitted).toMatchObject({
        status: 200,
        body: { module: 'billing', seq: dead.seq, eventId: poisonEvent, subscriber: 'notification' },
      });
      const again = await system.http('POST', `/events/dead-letters/billing/${dead.seq}/resubmit`, { token: admin });
      expect(again).toMatchObject({ status: 404, body: { code: 'DEAD_LETTER_NOT_FOUND' } });
      await eventually(async () => expect((await poisonRow(poisonEvent)).deliveredAt).not.toBeNull(), 15_000);
      expect((await system.http('GET', '/events/dead-letters', { token: admin })).body.deadLetters).toEqual([]);

      // 7. Reconcile from the databases once every outbox is drained.
      const undelivered = async () => {
        let count = 0;
        for (const module of MODULES)
          count += Number((await readSql(sqlite(module), 'SELECT COUNT(*) AS n FROM outbox_messages WHERE "deliveredAt" IS NULL'))[0].n);
        return count;
      };
      await eventually(async () => expect(await undelivered()).toBe(0), 20_000);

      // Every event sent to audit is in the audit log exactly once, the resubmit stamps included.
      const audited = new Map<string, number>();
      for (const { eventId, n } of await readSql(sqlite('audit'), 'SELECT "eventId", COUNT(*) AS n FROM audit_entries GROUP BY "eventId"'))
        audited.set(String(eventId), Number(n));
      const sentToAudit: string[] = [];
      for (const module of MODULES) {
        const rows = await readSql(sqlite(module), `SELECT "eventId" FROM outbox_messages WHERE "subscriber" = 'audit'`);
        sentToAudit.push(...rows.map((row) => String(row.eventId)));
      }
      expect(sentToAudit.length).toBeGreaterThan(0);
      expect(sentToAudit.filter((eventId) => audited.get(eventId) !== 1)).toEqual([]);
      expect([...audited.values()].filter((n) => n !== 1)).toEqual([]);
      const stamps = await readSql(
        sqlite('audit'),
        `SELECT "module", "actor", "payload" FROM audit_entries WHERE "action" = 'platform.command.handled.v1' AND "payload" LIKE '%platform.dead-letters.resubmit.v1%'`,
      );
      const outcomes = stamps.map((stamp) => JSON.parse(String(stamp.payload)) as { outcome: string; errorCode?: string });
      expect(outcomes.filter((o) => o.outcome === 'ok')).toHaveLength(1);
      expect(outcomes.filter((o) => o.outcome === 'error').map((o) => o.errorCode)).toEqual([
        'DEAD_LETTER_NOT_FOUND',
        'DEAD_LETTER_NOT_FOUND',
      ]);
      expect(stamps.every((stamp) => stamp.module === 'billing')).toBe(true);
      expect((await system.http('GET', '/audit/verify', { token: admin })).body).toMatchObject({ valid: true });

      // Notification: one welcome and one receipt per signed-up user, one receipt for the resubmitted poison.
      const notifications = await readSql(
        sqlite('notification'),
        `SELECT "userId", "kind", COUNT(*) AS n FROM notifications WHERE "userId" IN (${[...users, poisonUser].map(() => '?').join(', ')}) GROUP BY "userId", "kind"`,
        [...users, poisonUser],
      );
      const perUser = (userId: string) =>
        Object.fromEntries(notifications.filter((row) => row.userId === userId).map((row) => [String(row.kind), Number(row.n)]));
      for (const userId of users) expect(perUser(userId)).toEqual({ welcome: 1, receipt: 1 });
      expect(perUser(poisonUser)).toEqual({ receipt: 1 });
      expect(
        (await readSql(sqlite('notification'), 'SELECT COUNT(*) AS n FROM inbox_messages WHERE "eventId" = ?', [poisonEvent]))[0].n,
      ).toBe(1);

      // No outbox is left with a dead letter.
      for (const module of MODULES)
        expect(
          Number((await readSql(sqlite(module), 'SELECT COUNT(*) AS n FROM outbox_messages WHERE "deadLetteredAt" IS NOT NULL'))[0].n),
        ).toBe(0);
    }, 150_000);
  });
}
