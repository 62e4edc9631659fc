import { randomUUID } from 'node:crypto';
import { asAdmin, asUser, uniqueEmail, userRegistered } from './support/events';
import { eventually } from '@app/testing';
import { failureOf, NotificationTestApp, startNotificationTestApp, stopNotificationTestApp } from './support/notification-test-app';
import { SmtpTestServer, testPort } from '@app/testing';

/** Ports under 32768, away from the ephemeral range; nothing listens on CLOSED_PORT. */
const ACCEPTING_PORT = testPort(25525);
const REJECTING_PORT = testPort(25526);
const CLOSED_PORT = testPort(25527);
const FAST_RETRIES = { NOTIFICATION_MAX_ATTEMPTS: '2', NOTIFICATION_RETRY_BASE_MS: '400' };

describe('notification over SMTP (SMTP_URL set)', () => {
  const accepting = new SmtpTestServer(ACCEPTING_PORT);
  const rejecting = new SmtpTestServer(REJECTING_PORT, 'reject-recipients');
  const apps: Partial<Record<'accepting' | 'rejecting' | 'closed', NotificationTestApp>> = {};

  beforeAll(async () => {
    await Promise.all([accepting.start(), rejecting.start()]);
    apps.accepting = await startNotificationTestApp({ SMTP_URL: accepting.url, MAIL_FROM: 'Archipelago Tests <tests@archipelago.test>' });
    apps.rejecting = await startNotificationTestApp({ SMTP_URL: rejecting.url, ...FAST_RETRIES });
    apps.closed = await startNotificationTestApp({ SMTP_URL: `smtp://127.0.0.1:${CLOSED_PORT}`, ...FAST_RETRIES });
  }, 15_000);

  afterAll(async () => {
    for (const app of Object.values(apps)) await stopNotificationTestApp(app);
    await Promise.all([accepting.stop(), rejecting.stop()]);
  });

  it('a welcome reaches the SMTP server, addressed to the user, from MAIL_FROM', async () => {
    const userId = randomUUID();
    const email = uniqueEmail('smtp');

    await apps.accepting!.deliver(userRegistered(userId, email));

    const [mail] = await eventually(() => {
      expect(accepting.mailsTo(email)).toHaveLength(1);
      return accepting.mailsTo(email);
    });
    expect(mail.from).toBe('tests@archipelago.test');
    expect(mail.raw).toMatch(/^Subject: Welcome to Archipelago$/m);
    expect(mail.raw).toContain(email);
    const [row] = await eventually(async () => {
      const list = (await asUser(userId, () => apps.accepting!.gateway.listOwn())).notifications;
      expect(list[0]).toMatchObject({ status: 'sent', channel: 'smtp', attempts: 1 });
      return list;
    });
    expect(row.sentAt).toEqual(expect.any(String));
  });

  it.each([
    ['a server that refuses the recipient', 'rejecting' as const, /550|mailbox .* unavailable/],
    ['a closed port', 'closed' as const, /ECONNREFUSED/],
  ])(
    '%s: failed and retried, then dead after NOTIFICATION_MAX_ATTEMPTS, and listed as a dead letter for admins',
    async (_case, which, reason) => {
      const app = apps[which]!;
      const userId = randomUUID();
      const email = uniqueEmail(which);
      const own = async () => (await asUser(userId, () => app.gateway.listOwn())).notifications;

      await app.deliver(userRegistered(userId, email));

      await eventually(async () =>
        expect(await own()).toEqual([expect.objectContaining({ status: 'failed', attempts: 1, lastError: expect.stringMatching(reason) })]),
      );
      const [dead] = await eventually(async () => {
        const list = await own();
        expect(list).toEqual([expect.objectContaining({ status: 'dead', attempts: 2, channel: 'smtp', recipient: email })]);
        return list;
      });
      expect(dead.sentAt).toBeUndefined();
      const deadLetters = (await asAdmin(() => app.gateway.listDeadLetters())).notifications;
      expect(deadLetters.map((n) => n.id)).toContain(dead.id);
      await expect(failureOf(asUser(userId, () => app.gateway.listDeadLetters()))).resolves.toMatchObject({
        status: 403,
        code: 'ROLE_MISSING',
      });
    },
  );

  it('nothing arrived at the refusing server', () => {
    expect(rejecting.mails).toEqual([]);
  });
});
