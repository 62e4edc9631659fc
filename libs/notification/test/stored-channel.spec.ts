import { NotificationView } from '@app/contracts';
import { randomUUID } from 'node:crypto';
import { asUser, invoicePaid, invoiceRefunded, paymentFailed, uniqueEmail, userRegistered } from './support/events';
import { eventually } from '@app/testing';
import { failureOf, NotificationTestApp, startNotificationTestApp, stopNotificationTestApp } from './support/notification-test-app';

describe('notification with the built-in stored channel (no SMTP_URL)', () => {
  let notification: NotificationTestApp;
  const own = (userId: string): Promise<NotificationView[]> =>
    asUser(userId, () => notification.gateway.listOwn()).then((list) => list.notifications);

  beforeAll(async () => {
    notification = await startNotificationTestApp();
  });

  afterAll(() => stopNotificationTestApp(notification));

  it('when a user registers, a welcome is written and then marked sent on the stored channel', async () => {
    const userId = randomUUID();
    const email = uniqueEmail('welcome');

    await expect(notification.deliver(userRegistered(userId, email))).resolves.toMatchObject({ duplicate: false });

    const [welcome] = await eventually(async () => {
      const list = await own(userId);
      expect(list.map((n) => n.status)).toEqual(['sent']);
      return list;
    });
    expect(welcome).toMatchObject({
      userId,
      kind: 'welcome',
      channel: 'stored',
      recipient: email,
      subject: 'Welcome to Archipelago',
      attempts: 1,
    });
    expect(welcome.body).toContain(email);
    expect(welcome.sentAt).toEqual(expect.any(String));
    expect(welcome.lastError).toBeUndefined();
  });

  it('when the same event is delivered twice, there is one notification', async () => {
    const userId = randomUUID();
    const eventId = randomUUID();
    const event = userRegistered(userId, uniqueEmail('twice'));

    const first = await notification.deliver(event, eventId);
    const second = await notification.deliver(event, eventId);

    expect([first.duplicate, second.duplicate]).toEqual([false, true]);
    expect((await own(userId)).filter((n) => n.eventId === eventId)).toHaveLength(1);
  });

  it('when an invoice is paid before the user is known, delivery fails, and succeeds once the registration arrived', async () => {
    const userId = randomUUID();
    const email = uniqueEmail('early');
    const paid = invoicePaid(userId);
    const paidEventId = randomUUID();

    await expect(failureOf(notification.deliver(paid, paidEventId))).resolves.toMatchObject({ status: 409, code: 'RECIPIENT_UNKNOWN' });
    expect(await own(userId)).toEqual([]);

    await notification.deliver(userRegistered(userId, email));
    await expect(notification.deliver(paid, paidEventId)).resolves.toMatchObject({ duplicate: false });

    const receipt = await eventually(async () => {
      const found = (await own(userId)).find((n) => n.eventId === paidEventId);
      expect(found).toMatchObject({ kind: 'receipt', status: 'sent', recipient: email });
      return found!;
    });
    expect(receipt.subject).toBe('Receipt: 9.00 EUR paid');
  });

  it('every subscribed event becomes its own notification, listed newest first', async () => {
    const userId = randomUUID();
    await notification.deliver(userRegistered(userId, uniqueEmail('all-kinds')));
    for (const event of [invoicePaid(userId), paymentFailed(userId, 'insufficient_funds'), invoiceRefunded(userId)]) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await notification.deliver(event);
    }

    const list = await own(userId);

    expect(list.map((n) => n.kind)).toEqual(['refund', 'payment-failed', 'receipt', 'welcome']);
    expect(list.find((n) => n.kind === 'payment-failed')!.body).toContain('insufficient funds');
  });

  it('a user sees only their own notifications', async () => {
    const ada = randomUUID();
    const bob = randomUUID();
    await notification.deliver(userRegistered(ada, uniqueEmail('ada')));
    await notification.deliver(userRegistered(bob, uniqueEmail('bob')));
    await notification.deliver(invoicePaid(ada));

    const adas = await own(ada);
    const bobs = await own(bob);

    expect(adas.map((n) => n.kind).sort()).toEqual(['receipt', 'welcome']);
    expect(adas.every((n) => n.userId === ada)).toBe(true);
    expect(bobs.map((n) => [n.userId, n.kind])).toEqual([[bob, 'welcome']]);
  });

  it('listing without a signed-in user is refused with 401 AUTHENTICATION_REQUIRED', async () => {
    await expect(failureOf(notification.gateway.listOwn())).resolves.toMatchObject({ status: 401, code: 'AUTHENTICATION_REQUIRED' });
  });

  it('a caller other than the gateway is refused with 403 CALLER_NOT_ALLOWED', async () => {
    await expect(failureOf(asUser(randomUUID(), () => notification.billing.listOwn()))).resolves.toMatchObject({
      status: 403,
      code: 'CALLER_NOT_ALLOWED',
    });
  });
});
