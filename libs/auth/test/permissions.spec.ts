import { PlatformEvents } from '@app/contracts';
import { AuthTestApp, failureOf, startAuthTestApp, stopAuthTestApp } from './support/auth-test-app';
import { PASSWORD, uniqueEmail } from './support/accounts';
import { eventually } from '@app/testing';

describe('who may call the auth module', () => {
  let auth: AuthTestApp;

  beforeAll(async () => {
    auth = await startAuthTestApp();
  });

  afterAll(() => stopAuthTestApp(auth));

  it.each([
    ['register', () => auth.billing.register({ email: uniqueEmail(), password: PASSWORD })],
    ['login', () => auth.billing.login({ email: uniqueEmail(), password: PASSWORD })],
    ['refresh', () => auth.billing.refresh({ refreshToken: 'x'.repeat(43) })],
    ['me', () => auth.billing.me()],
    ['cancelRegistration', () => auth.billing.cancelRegistration({ userId: '00000000-0000-4000-8000-000000000000', reason: 'x' })],
  ])('billing may not call %s: 403 CALLER_NOT_ALLOWED', async (_call, call) => {
    await expect(failureOf(call())).resolves.toMatchObject({ status: 403, code: 'CALLER_NOT_ALLOWED' });
  });

  it('billing may verify a token', async () => {
    const email = uniqueEmail();
    await auth.gateway.register({ email, password: PASSWORD });
    const { accessToken } = await auth.gateway.login({ email, password: PASSWORD });

    await expect(auth.billing.verifyToken({ accessToken })).resolves.toMatchObject({ email });
  });

  it('a refusal is stamped for the audit log', async () => {
    await failureOf(auth.billing.register({ email: uniqueEmail(), password: PASSWORD }));

    await eventually(() =>
      expect(auth.events.ofPattern(PlatformEvents.messageRefused.pattern).map((e) => e.payload)).toContainEqual(
        expect.objectContaining({ pattern: 'auth.user.register.v1', reason: 'caller-not-allowed', claimedCaller: 'billing' }),
      ),
    );
  });
});
