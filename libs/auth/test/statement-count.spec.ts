import { HostedDatabases, OutboxRelay } from '@app/platform';
import { recordStatements } from '@app/testing';
import { PASSWORD, uniqueEmail } from './support/accounts';
import { AuthTestApp, startAuthTestApp, stopAuthTestApp } from './support/auth-test-app';

/** Statements one `auth.user.register.v1` costs auth's database; lower it, never raise it. */
const MOST_STATEMENTS = Number(process.env.AUTH_REGISTER_MAX_STATEMENTS ?? 7);

describe('the SQL one registration costs', () => {
  let auth: AuthTestApp;

  beforeAll(async () => {
    auth = await startAuthTestApp();
    // The relay's own reads and marks would interleave with the command's statements.
    await auth.app.get(OutboxRelay).beforeApplicationShutdown();
  });
  afterAll(() => stopAuthTestApp(auth));

  it(`stays at ${MOST_STATEMENTS} statements or fewer`, async () => {
    await auth.gateway.register({ email: uniqueEmail(), password: PASSWORD });
    const database = auth.app.get(HostedDatabases).get('auth')!.database;
    const { statements } = await recordStatements([database], () => auth.gateway.register({ email: uniqueEmail(), password: PASSWORD }));
    if (statements.length > MOST_STATEMENTS) console.log(statements.join('\n'));
    expect(statements.length).toBeLessThanOrEqual(MOST_STATEMENTS);
  });
});
