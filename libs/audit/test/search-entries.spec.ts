import { AuditEntryView } from '@app/contracts';
import { newTrace } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { AuditTestApp, eventually, failureOf, startAuditTestApp } from './support/audit-test-app';
import { asAdmin, asUser, commandHandled, invoicePaid, userActor, userRegistered } from './support/events';

describe('searching the audit log (audit.entries.search.v1)', () => {
  let audit: AuditTestApp;
  const ada = userActor();
  const bob = userActor();
  const adaTrace = newTrace();
  const search = (request: Parameters<AuditTestApp['gateway']['search']>[0]): Promise<AuditEntryView[]> =>
    asAdmin(() => audit.gateway.search(request)).then((page) => page.entries);

  beforeAll(async () => {
    audit = await startAuditTestApp();
    await audit.deliver(userRegistered(ada.id), { actor: ada, trace: adaTrace });
    await audit.deliver(invoicePaid(ada.id), { actor: ada, trace: adaTrace });
    await audit.deliver(invoicePaid(bob.id), { actor: bob });
    await audit.deliver(commandHandled('notification', 'notification.messages.list.v1'), { actor: ada });
  });

  afterAll(() => audit?.close());

  it('by trace ID: the entries of that trace only, newest first', async () => {
    const entries = await search({ traceId: adaTrace.traceId });

    expect(entries.map((e) => e.action)).toEqual(['billing.invoice.paid.v1', 'auth.user.registered.v1']);
    expect(entries[0].seq).toBeGreaterThan(entries[1].seq);
  });

  it('by actor: exact match on user:<id>', async () => {
    const entries = await search({ actor: `user:${bob.id}` });

    expect(entries.map((e) => [e.action, e.actor])).toEqual([['billing.invoice.paid.v1', `user:${bob.id}`]]);
  });

  it('by module, combined with actor', async () => {
    expect((await search({ module: 'billing', actor: `user:${ada.id}` })).map((e) => e.action)).toEqual(['billing.invoice.paid.v1']);
    expect((await search({ module: 'notification' })).map((e) => e.actor)).toEqual([`user:${ada.id}`]);
  });

  it('payloads come back as objects', async () => {
    const [entry] = await search({ actor: `user:${bob.id}` });

    expect(entry.payload).toMatchObject({ userId: bob.id, amountMinor: 900, currency: 'EUR' });
  });

  it('limit keeps the newest entries; without filters every module is searched', async () => {
    const all = await search({});
    const two = await search({ limit: 2 });

    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(two).toEqual(all.slice(0, 2));
  });

  it('a limit above 500 or a malformed trace ID is refused with 400 VALIDATION_FAILED', async () => {
    await expect(failureOf(search({ limit: 501 }))).resolves.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    await expect(failureOf(search({ traceId: 'not-a-trace' }))).resolves.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('a user without the admin role is refused with 403 ROLE_MISSING', async () => {
    const failure = await failureOf(asUser(userActor(), () => audit.gateway.search({})));

    expect(failure).toMatchObject({ status: 403, code: 'ROLE_MISSING' });
  });

  it('a call without a signed-in user is refused with 403 ROLE_MISSING, verifying the chain too', async () => {
    await expect(failureOf(audit.gateway.search({}))).resolves.toMatchObject({ status: 403, code: 'ROLE_MISSING' });
    await expect(failureOf(audit.gateway.verifyChain())).resolves.toMatchObject({ status: 403, code: 'ROLE_MISSING' });
  });

  it('a caller other than the gateway is refused with 403 CALLER_NOT_ALLOWED, even for an admin', async () => {
    await expect(failureOf(asAdmin(() => audit.billing.search({})))).resolves.toMatchObject({ status: 403, code: 'CALLER_NOT_ALLOWED' });
  });

  it('a refused search is itself recorded, under audit, with the refused actor', async () => {
    const eve = userActor(randomUUID());
    await failureOf(asUser(eve, () => audit.gateway.search({ module: 'auth' })));

    const [refusal] = await eventually(async () => {
      const entries = await search({ actor: `user:${eve.id}` });
      expect(entries).toHaveLength(1);
      return entries;
    });

    expect(refusal).toMatchObject({
      action: 'platform.message.refused.v1',
      module: 'audit',
      payload: { pattern: 'audit.entries.search.v1', reason: 'role-missing', claimedCaller: 'gateway' },
    });
  });
});
