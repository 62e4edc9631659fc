import { AuthEvents } from '@app/contracts';
import { AuthTestApp, failureOf, startAuthTestApp, stopAuthTestApp } from './support/auth-test-app';
import { eventually } from '@app/testing';

const ADMIN = { ADMIN_EMAIL: 'Root@Archipelago.test', ADMIN_PASSWORD: 'admin-password-1234' };

describe('the first admin', () => {
  let auth: AuthTestApp;

  beforeAll(async () => {
    auth = await startAuthTestApp(ADMIN);
  });

  afterAll(() => stopAuthTestApp(auth));

  it('is created at start from ADMIN_EMAIL and ADMIN_PASSWORD, with the roles user and admin', async () => {
    const { accessToken } = await auth.gateway.login({ email: 'root@archipelago.test', password: ADMIN.ADMIN_PASSWORD });

    await expect(auth.gateway.verifyToken({ accessToken })).resolves.toMatchObject({
      email: 'root@archipelago.test',
      roles: ['user', 'admin'],
    });
  });

  it('is announced by auth.user.registered.v1 as the system actor, on a trace', async () => {
    const [event] = await eventually(() => {
      const found = auth.events.ofPattern(AuthEvents.userRegistered.pattern);
      expect(found).toHaveLength(1);
      return found;
    });

    expect(event).toMatchObject({ actor: { kind: 'system' }, payload: { email: 'root@archipelago.test', roles: ['user', 'admin'] } });
    expect(event.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('cannot be undone by the signup compensation', async () => {
    const { accessToken } = await auth.gateway.login({ email: 'root@archipelago.test', password: ADMIN.ADMIN_PASSWORD });
    const { userId } = await auth.gateway.verifyToken({ accessToken });

    await expect(failureOf(auth.gateway.cancelRegistration({ userId, reason: 'oops' }))).resolves.toMatchObject({
      status: 409,
      code: 'REGISTRATION_NOT_CANCELLABLE',
    });
  });

  it('is not created twice when the module starts again on the same data', async () => {
    await auth.app.close();
    auth = await startAuthTestApp(ADMIN, auth.dataDir);

    await expect(auth.gateway.login({ email: 'root@archipelago.test', password: ADMIN.ADMIN_PASSWORD })).resolves.toMatchObject({
      tokenType: 'Bearer',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(auth.events.ofPattern(AuthEvents.userRegistered.pattern)).toHaveLength(0);
  });
});
