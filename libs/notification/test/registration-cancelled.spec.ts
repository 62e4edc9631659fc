import { NotificationView } from '@app/contracts';
import { eventually, SmtpTestServer, testPort } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { asUser, invoicePaid, invoiceRefunded, paymentFailed, registrationCancelled, uniqueEmail, userRegistered } from './support/events';
import { NotificationTestApp, startNotificationTestApp, stopNotificationTestApp } from './support/notification-test-app';

/** Ports under 32768, away from the ephemeral range; nothing listens on CLOSED_PORT. */
const SMTP_PORT = testPort(25535);
const CLOSED_PORT = testPort(25537);
const SLOW_DISPATCH_MS = 1500;

/**
 * ADR 0019: what notification does with `auth.registration.cancelled.v1` — unsent mail of the
 * undone signup is cancelled and never sent, a "signup cancelled" notice only if something had
 * already reached the user, billing news after it kept unsent except a refund.
 */
// Each case waits for dispatcher passes; under a loaded CI machine that can take seconds.
jest.setTimeout(30_000);

describe('notification when a signup is undone (auth.registration.cancelled.v1)', () => {
  const smtp = new SmtpTestServer(SMTP_PORT);
  const apps: Partial<Record<'fast' | 'slow' | 'closed', NotificationTestApp>> = {};
  const own = async (app: NotificationTestApp, userId: string): Promise<NotificationView[]> =>
    (await asUser(userId, () => app.gateway.listOwn())).notifications;
  const subjectsTo = (email: string) => smtp.mailsTo(email).map((mail) => /^Subject: (.*)$/m.exec(mail.raw)?.[1]);

  beforeAll(async () => {
    await smtp.start();
    apps.fast = await startNotificationTestApp({ SMTP_URL: smtp.url });
    apps.closed = await startNotificationTestApp({
      SMTP_URL: `smtp://127.0.0.1:${CLOSED_PORT}`,
      NOTIFICATION_MAX_ATTEMPTS: '5',
      NOTIFICATION_RETRY_BASE_MS: '1000',
    });
  }, 15_000);

  afterAll(async () => {
    for (const app of Object.values(apps)) await stopNotificationTestApp(app);
    await smtp.stop();
  });

  it('cancelled before the dispatcher ran: nothing is sent, welcome and payment-failed are cancelled with the reason', async () => {
    apps.slow = await startNotificationTestApp({ SMTP_URL: smtp.url, NOTIFICATION_DISPATCH_INTERVAL_MS: String(SLOW_DISPATCH_MS) });
    const app = apps.slow;
    const userId = randomUUID();
    const email = uniqueEmail('undone-early');

    await app.deliver(userRegistered(userId, email));
    await app.deliver(paymentFailed(userId));
    await app.deliver(registrationCancelled(userId, email, 'payment declined'));
    await sleep(SLOW_DISPATCH_MS * 2 + 500);

    expect(smtp.mailsTo(email)).toEqual([]);
    const rows = await own(app, userId);
    expect(rows.map((n) => [n.kind, n.status]).sort()).toEqual([
      ['payment-failed', 'cancelled'],
      ['welcome', 'cancelled'],
    ]);
    for (const row of rows) expect(row).toMatchObject({ attempts: 0, lastError: 'signup cancelled: payment declined' });
    expect(rows.every((n) => n.sentAt === undefined)).toBe(true);
  }, 15_000);

  it('a welcome waiting for a retry is cancelled and never tried again', async () => {
    const app = apps.closed!;
    const userId = randomUUID();
    const email = uniqueEmail('undone-retry');

    await app.deliver(userRegistered(userId, email));
    await eventually(async () => expect(await own(app, userId)).toEqual([expect.objectContaining({ status: 'failed', attempts: 1 })]));
    await app.deliver(registrationCancelled(userId, email));
    await sleep(2500);

    expect(await own(app, userId)).toEqual([
      expect.objectContaining({ kind: 'welcome', status: 'cancelled', attempts: 1, lastError: 'signup cancelled: payment declined' }),
    ]);
  }, 15_000);

  it('cancelled after the welcome was sent: one "signup cancelled" notice follows it', async () => {
    const app = apps.fast!;
    const userId = randomUUID();
    const email = uniqueEmail('undone-late');

    await app.deliver(userRegistered(userId, email));
    await eventually(() => expect(subjectsTo(email)).toEqual(['Welcome to Archipelago']), 15_000);
    await app.deliver(registrationCancelled(userId, email));

    await eventually(() => expect(subjectsTo(email)).toEqual(['Welcome to Archipelago', 'Your Archipelago signup was cancelled']), 15_000);
    // The mail leaves before the row is marked sent: wait for the mark, not for the mail.
    await eventually(async () => {
      const notice = (await own(app, userId)).find((n) => n.kind === 'signup-cancelled');
      expect(notice).toMatchObject({ status: 'sent', recipient: email });
      expect(notice!.body).toContain(email);
    }, 15_000);
  }, 40_000);

  it('the cancellation delivered again has one effect: one notice', async () => {
    const app = apps.fast!;
    const userId = randomUUID();
    const email = uniqueEmail('undone-twice');
    const cancelled = registrationCancelled(userId, email);
    const eventId = randomUUID();

    await app.deliver(userRegistered(userId, email));
    await eventually(() => expect(subjectsTo(email)).toHaveLength(1), 15_000);
    const first = await app.deliver(cancelled, eventId);
    const second = await app.deliver(cancelled, eventId);

    expect([first.duplicate, second.duplicate]).toEqual([false, true]);
    await eventually(() => expect(subjectsTo(email)).toEqual(['Welcome to Archipelago', 'Your Archipelago signup was cancelled']), 15_000);
    await sleep(300);
    expect(subjectsTo(email)).toHaveLength(2);
    expect((await own(app, userId)).filter((n) => n.kind === 'signup-cancelled')).toHaveLength(1);
  });

  it('events that arrive after the cancellation bring nothing back, except a refund notice', async () => {
    const app = apps.fast!;
    const userId = randomUUID();
    const email = uniqueEmail('undone-first');

    // Auth's and billing's outboxes are not ordered relative to each other: the cancellation first.
    await app.deliver(registrationCancelled(userId, email));
    await app.deliver(userRegistered(userId, email));
    await app.deliver(invoicePaid(userId));
    await app.deliver(paymentFailed(userId));
    await app.deliver(invoiceRefunded(userId));

    await eventually(() => expect(subjectsTo(email)).toEqual(['Refund of 9.00 EUR']), 15_000);
    await sleep(300);
    expect(subjectsTo(email)).toEqual(['Refund of 9.00 EUR']);
    const byKind = Object.fromEntries((await own(app, userId)).map((n) => [n.kind, n]));
    expect(Object.keys(byKind).sort()).toEqual(['payment-failed', 'receipt', 'refund', 'welcome']);
    for (const kind of ['welcome', 'receipt', 'payment-failed'])
      expect(byKind[kind]).toMatchObject({ status: 'cancelled', attempts: 0, lastError: expect.stringMatching(/^signup cancelled/) });
    expect(byKind.refund).toMatchObject({ status: 'sent', recipient: email });
  });
});
