import { AuthEvents } from '@app/contracts';
import { MessageContext, newTrace } from '@app/platform';
import { RegisterService } from '../src/register/register.service';
import { AuthTestApp, failureOf, startAuthTestApp, stopAuthTestApp } from './support/auth-test-app';
import { PASSWORD, uniqueEmail } from './support/accounts';
import { eventually } from '@app/testing';

describe('auth.user.register.v1', () => {
  let auth: AuthTestApp;

  beforeAll(async () => {
    auth = await startAuthTestApp();
  });

  afterAll(() => stopAuthTestApp(auth));

  it('creates a user with the role user and a lower-cased email', async () => {
    const email = uniqueEmail('Ada').toUpperCase();

    const user = await auth.gateway.register({ email, password: PASSWORD });

    expect(user).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: email.toLowerCase(),
      roles: ['user'],
      createdAt: expect.any(String),
    });
    expect(new Date(user.createdAt).toISOString()).toBe(user.createdAt);
  });

  it('publishes auth.user.registered.v1 to the subscribers, with the caller trace and actor', async () => {
    const user = await auth.gateway.register({ email: uniqueEmail(), password: PASSWORD });

    const [event] = await eventually(() => {
      const found = auth.events.ofPattern(AuthEvents.userRegistered.pattern).filter((e) => e.payload.userId === user.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(event).toMatchObject({ source: 'auth', payload: { email: user.email, roles: ['user'], registeredAt: user.createdAt } });
    expect(event.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('once its deadline has passed, creates no account and publishes nothing: the caller may have undone it already', async () => {
    const email = uniqueEmail('late');
    const lateContext = { trace: newTrace(), actor: { kind: 'system' as const }, module: 'auth', deadline: Date.now() - 1 };

    const late = MessageContext.run(lateContext, () => auth.app.get(RegisterService).register({ email, password: PASSWORD }));

    await expect(late).rejects.toMatchObject({ status: 504, code: 'DEADLINE_EXCEEDED' });
    expect(await auth.gateway.register({ email, password: PASSWORD })).toMatchObject({ email });
    await eventually(() =>
      expect(auth.events.ofPattern(AuthEvents.userRegistered.pattern).filter((e) => e.payload.email === email)).toHaveLength(1),
    );
  });

  it('when the email is already registered, whatever its case, answers 409 EMAIL_TAKEN', async () => {
    const email = uniqueEmail();
    await auth.gateway.register({ email, password: PASSWORD });

    const failure = await failureOf(auth.gateway.register({ email: email.toUpperCase(), password: 'another-password' }));

    expect(failure).toMatchObject({ status: 409, code: 'EMAIL_TAKEN' });
  });

  it('when the password is shorter than 8 characters, answers 400 naming the field password', async () => {
    const failure = await failureOf(auth.gateway.register({ email: uniqueEmail(), password: 'short' }));

    expect(failure).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(failure.fields?.map((field) => field.field)).toEqual(['password']);
  });

  it('when the payload carries a field the contract does not know, answers 400', async () => {
    const request = { email: uniqueEmail(), password: PASSWORD, roles: ['admin'] };

    const failure = await failureOf(auth.gateway.register(request));

    expect(failure).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(failure.fields?.map((field) => field.field)).toContain('roles');
  });
});
