import { AuthEvents, UserView } from '@app/contracts';
import { AuthTestApp, failureOf, startAuthTestApp, stopAuthTestApp } from './support/auth-test-app';
import { decodeJwt, PASSWORD, uniqueEmail } from './support/accounts';
import { eventually } from '@app/testing';

describe('auth.session.login.v1', () => {
  let auth: AuthTestApp;

  const newUser = (): Promise<UserView> => auth.gateway.register({ email: uniqueEmail(), password: PASSWORD });
  const wrongLogin = (email: string) => failureOf(auth.gateway.login({ email, password: 'not the password' }));

  beforeAll(async () => {
    auth = await startAuthTestApp();
  });

  afterAll(() => stopAuthTestApp(auth));

  it('with the right password, answers a Bearer pair whose access token is an HS256 JWT for 900 s', async () => {
    const user = await newUser();

    const pair = await auth.gateway.login({ email: user.email.toUpperCase(), password: PASSWORD });

    expect(pair).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      tokenType: 'Bearer',
      expiresIn: 900,
    });
    const { header, claims } = decodeJwt(pair.accessToken);
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(claims).toMatchObject({ sub: user.id, email: user.email, roles: ['user'], iss: 'archipelago-auth', aud: 'archipelago' });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
  });

  it('answers an unknown email and a wrong password with the same 401 INVALID_CREDENTIALS', async () => {
    const user = await newUser();

    const unknown = await failureOf(auth.gateway.login({ email: uniqueEmail('nobody'), password: PASSWORD }));
    const wrong = await wrongLogin(user.email);

    expect(unknown).toEqual({ status: 401, code: 'INVALID_CREDENTIALS', message: 'email or password is wrong' });
    expect(wrong).toEqual(unknown);
  });

  it('after 5 wrong passwords in a row, locks the account: 423 ACCOUNT_LOCKED even with the right password', async () => {
    const user = await newUser();

    const answers = [];
    for (let attempt = 1; attempt <= 5; attempt++) answers.push(await wrongLogin(user.email));
    const withRightPassword = await failureOf(auth.gateway.login({ email: user.email, password: PASSWORD }));

    expect(answers.slice(0, 4).map((a) => a.code)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
    expect(answers[4]).toMatchObject({ status: 423, code: 'ACCOUNT_LOCKED' });
    expect(withRightPassword).toMatchObject({
      status: 423,
      code: 'ACCOUNT_LOCKED',
      message: expect.stringMatching(/try again after \d{4}-\d\d-\d\dT/),
    });
  });

  it('a successful login resets the count of failures', async () => {
    const user = await newUser();

    for (let attempt = 1; attempt <= 4; attempt++) await wrongLogin(user.email);
    await auth.gateway.login({ email: user.email, password: PASSWORD });
    const afterReset = [];
    for (let attempt = 1; attempt <= 4; attempt++) afterReset.push((await wrongLogin(user.email)).code);

    expect(afterReset).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
    await expect(auth.gateway.login({ email: user.email, password: PASSWORD })).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('publishes auth.login.failed.v1 for every failure, although the call itself fails', async () => {
    const user = await newUser();
    const nobody = uniqueEmail('nobody');

    await failureOf(auth.gateway.login({ email: nobody, password: PASSWORD }));
    for (let attempt = 1; attempt <= 6; attempt++) await wrongLogin(user.email);

    const failures = await eventually(() => {
      const found = auth.events
        .ofPattern(AuthEvents.loginFailed.pattern)
        .filter((e) => [nobody, user.email].includes(e.payload.email as string));
      expect(found).toHaveLength(7);
      return found.map((e) => e.payload);
    });
    expect(failures[0]).toEqual({ email: nobody, reason: 'unknown-email', failedAttempts: 0 });
    expect(failures.slice(1, 5)).toEqual([1, 2, 3, 4].map((n) => ({ email: user.email, reason: 'bad-password', failedAttempts: n })));
    expect(failures[5]).toEqual({ email: user.email, reason: 'bad-password', failedAttempts: 5, lockedUntil: expect.any(String) });
    expect(failures[6]).toEqual({ email: user.email, reason: 'locked', failedAttempts: 6, lockedUntil: failures[5].lockedUntil });
  });
});
