import { AuthEvents } from '@app/contracts';
import { AuthTestApp, failureOf, startAuthTestApp, stopAuthTestApp } from './support/auth-test-app';
import { PASSWORD, uniqueEmail } from './support/accounts';
import { eventually } from '@app/testing';

describe('auth.registration.cancel.v1 (the signup saga compensation)', () => {
  let auth: AuthTestApp;

  beforeAll(async () => {
    auth = await startAuthTestApp();
  });

  afterAll(() => stopAuthTestApp(auth));

  it('undoes the registration: the account and its sessions are gone, and the email is free again', async () => {
    const email = uniqueEmail();
    const user = await auth.gateway.register({ email, password: PASSWORD });
    const session = await auth.gateway.login({ email, password: PASSWORD });

    await expect(auth.gateway.cancelRegistration({ userId: user.id, reason: 'payment declined' })).resolves.toEqual({
      userId: user.id,
      cancelled: true,
    });

    await expect(failureOf(auth.gateway.login({ email, password: PASSWORD }))).resolves.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await expect(failureOf(auth.gateway.refresh({ refreshToken: session.refreshToken }))).resolves.toMatchObject({
      code: 'INVALID_REFRESH_TOKEN',
    });
    await expect(auth.gateway.register({ email, password: PASSWORD })).resolves.toMatchObject({ email });
  });

  it('publishes auth.registration.cancelled.v1 with the reason', async () => {
    const user = await auth.gateway.register({ email: uniqueEmail(), password: PASSWORD });

    await auth.gateway.cancelRegistration({ userId: user.id, reason: 'payment declined' });

    await eventually(() =>
      expect(auth.events.ofPattern(AuthEvents.registrationCancelled.pattern).map((e) => e.payload)).toContainEqual({
        userId: user.id,
        email: user.email,
        reason: 'payment declined',
      }),
    );
  });

  it('is idempotent: a second cancel answers cancelled false', async () => {
    const user = await auth.gateway.register({ email: uniqueEmail(), password: PASSWORD });
    await auth.gateway.cancelRegistration({ userId: user.id, reason: 'payment declined' });

    await expect(auth.gateway.cancelRegistration({ userId: user.id, reason: 'payment declined' })).resolves.toEqual({
      userId: user.id,
      cancelled: false,
    });
  });

  it('cancels by email (an orchestrator that lost the id in a crash), only an account created since the saga began', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const older = await auth.gateway.register({ email: uniqueEmail(), password: PASSWORD });
    const since = new Date().toISOString();

    await expect(
      auth.gateway.cancelRegistration({ email: older.email.toUpperCase(), registeredSince: since, reason: 'saga lost' }),
    ).resolves.toEqual({ userId: null, cancelled: false });
    await expect(auth.gateway.cancelRegistration({ email: older.email, registeredSince: before, reason: 'saga lost' })).resolves.toEqual({
      userId: older.id,
      cancelled: true,
    });
  });

  it('refuses a cancel by email without registeredSince (400)', async () => {
    await expect(failureOf(auth.gateway.cancelRegistration({ email: uniqueEmail(), reason: 'saga lost' }))).resolves.toMatchObject({
      status: 400,
    });
  });
});
