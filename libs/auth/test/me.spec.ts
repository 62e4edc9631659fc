import { MessageContext, newTrace } from '@app/platform';
import { AuthTestApp, failureOf, startAuthTestApp, stopAuthTestApp } from './support/auth-test-app';
import { actorOf, PASSWORD, uniqueEmail } from './support/accounts';

describe('auth.user.me.v1', () => {
  let auth: AuthTestApp;

  /** The gateway sends `me` with the user it authenticated as the envelope's actor. */
  const meAs = (actor: Parameters<typeof MessageContext.run>[0]['actor']) =>
    MessageContext.run({ trace: newTrace(), actor, module: 'gateway' }, () => auth.gateway.me());

  beforeAll(async () => {
    auth = await startAuthTestApp();
  });

  afterAll(() => stopAuthTestApp(auth));

  it("answers the acting user's account", async () => {
    const user = await auth.gateway.register({ email: uniqueEmail(), password: PASSWORD });

    await expect(meAs(actorOf(user))).resolves.toEqual(user);
  });

  it('when the actor is not a user, answers 401', async () => {
    const failure = await failureOf(meAs({ kind: 'anonymous' }));

    expect(failure).toMatchObject({ status: 401, code: 'AUTHENTICATION_REQUIRED' });
  });

  it('when the user no longer exists, answers 404', async () => {
    const failure = await failureOf(meAs({ kind: 'user', id: '00000000-0000-4000-8000-000000000000', roles: ['user'] }));

    expect(failure).toMatchObject({ status: 404, code: 'USER_NOT_FOUND' });
  });
});
