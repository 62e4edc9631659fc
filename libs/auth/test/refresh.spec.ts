import { TokenPair } from '@app/contracts';
import { AuthTestApp, failureOf, startAuthTestApp, stopAuthTestApp } from './support/auth-test-app';
import { PASSWORD, uniqueEmail } from './support/accounts';

describe('auth.session.refresh.v1', () => {
  let auth: AuthTestApp;

  const login = async (email = uniqueEmail()): Promise<TokenPair> => {
    await auth.gateway.register({ email, password: PASSWORD }).catch(() => undefined);
    return auth.gateway.login({ email, password: PASSWORD });
  };
  const refresh = (pair: TokenPair) => auth.gateway.refresh({ refreshToken: pair.refreshToken });

  beforeAll(async () => {
    auth = await startAuthTestApp();
  });

  afterAll(() => stopAuthTestApp(auth));

  it('rotates: answers a new pair for the same user, and the old refresh token stops working', async () => {
    const first = await login();

    const second = await refresh(first);

    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const whoFor = async (pair: TokenPair) => {
      const { userId, email, roles } = await auth.gateway.verifyToken({ accessToken: pair.accessToken });
      return { userId, email, roles };
    };
    // The same user and roles; `expiresAt` may differ by the second between the two.
    expect(await whoFor(second)).toEqual(await whoFor(first));
    await expect(refresh(second)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('when a rotated token is presented again, answers 401 REFRESH_TOKEN_REUSED and revokes its whole family', async () => {
    const first = await login();
    const second = await refresh(first);

    const reuse = await failureOf(refresh(first));
    const latestOfFamily = await failureOf(refresh(second));

    expect(reuse).toMatchObject({ status: 401, code: 'REFRESH_TOKEN_REUSED' });
    expect(latestOfFamily).toMatchObject({ status: 401, code: 'REFRESH_TOKEN_REUSED' });
  });

  it("a reuse in one session leaves the same user's other sessions working", async () => {
    const email = uniqueEmail();
    const stolen = await login(email);
    const otherDevice = await login(email);
    await refresh(stolen);

    await failureOf(refresh(stolen));

    await expect(refresh(otherDevice)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('when the token is unknown, answers 401 INVALID_REFRESH_TOKEN', async () => {
    const failure = await failureOf(auth.gateway.refresh({ refreshToken: 'x'.repeat(43) }));

    expect(failure).toMatchObject({ status: 401, code: 'INVALID_REFRESH_TOKEN' });
  });
});
