import { JwtService } from '@nestjs/jwt';
import { AuthTestApp, failureOf, startAuthTestApp, stopAuthTestApp } from './support/auth-test-app';
import { PASSWORD, uniqueEmail } from './support/accounts';

describe('auth.token.verify.v1', () => {
  let auth: AuthTestApp;
  let forger: JwtService;

  const claimsOf = (userId: string) => ({ sub: userId, email: 'eve@archipelago.test', roles: ['user', 'admin'] });
  const genuine = { algorithm: 'HS256', issuer: 'archipelago-auth', audience: 'archipelago', expiresIn: 900 } as const;
  const { expiresIn: _expiresIn, ...withoutExpiry } = genuine;
  const refused = async (accessToken: string) => failureOf(auth.gateway.verifyToken({ accessToken }));

  beforeAll(async () => {
    auth = await startAuthTestApp();
    forger = new JwtService({ secret: auth.jwtSecret });
  });

  afterAll(() => stopAuthTestApp(auth));

  it('answers who the token is for and their roles, from the token alone', async () => {
    const email = uniqueEmail();
    const user = await auth.gateway.register({ email, password: PASSWORD });
    const { accessToken } = await auth.gateway.login({ email, password: PASSWORD });

    await expect(auth.gateway.verifyToken({ accessToken })).resolves.toEqual({
      userId: user.id,
      email,
      roles: ['user'],
      expiresAt: expect.any(Number) as number,
    });
  });

  it('control: a token made with the same secret and claims as auth makes is accepted', async () => {
    await expect(auth.gateway.verifyToken({ accessToken: forger.sign(claimsOf('u1'), genuine) })).resolves.toMatchObject({ userId: 'u1' });
  });

  it.each([
    ['signed with another secret', () => new JwtService({ secret: 'another-secret-another-secret-another' }).sign(claimsOf('u1'), genuine)],
    ['for another audience', () => forger.sign(claimsOf('u1'), { ...genuine, audience: 'billing' })],
    ['from another issuer', () => forger.sign(claimsOf('u1'), { ...genuine, issuer: 'someone-else' })],
    ['signed with HS512', () => forger.sign(claimsOf('u1'), { ...genuine, algorithm: 'HS512' })],
    ['expired', () => forger.sign({ ...claimsOf('u1'), exp: Math.floor(Date.now() / 1000) - 5 }, withoutExpiry)],
    ['without roles', () => forger.sign({ sub: 'u1', email: 'eve@archipelago.test' }, genuine)],
    ['without exp', () => forger.sign(claimsOf('u1'), withoutExpiry)],
    ['without iat', () => forger.sign(claimsOf('u1'), { ...genuine, noTimestamp: true })],
    ['without sub', () => forger.sign({ email: 'eve@archipelago.test', roles: ['user'] }, genuine)],
    ['with an empty sub', () => forger.sign(claimsOf(''), genuine)],
    ['unsigned (alg none)', () => unsigned(claimsOf('u1'))],
    ['not a JWT at all', () => 'not-a-token'],
  ])('refuses a token %s with 401 INVALID_TOKEN', async (_case, makeToken) => {
    await expect(refused(makeToken())).resolves.toEqual({
      status: 401,
      code: 'INVALID_TOKEN',
      message: 'the access token is invalid or expired',
    });
  });
});

function unsigned(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims, iss: 'archipelago-auth', aud: 'archipelago', iat: now, exp: now + 900 })}.`;
}
