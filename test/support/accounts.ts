import { randomUUID } from 'node:crypto';
import { ADMIN, SystemUnderTest } from './system-under-test';

export interface Account {
  email: string;
  password: string;
  token: string;
  userId: string;
}

export const uniqueEmail = (label = 'user') => `${label}-${randomUUID().slice(0, 8)}@archipelago.test`;

export async function loginAs(system: SystemUnderTest, email: string, password: string): Promise<string> {
  const login = await system.http('POST', '/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login of ${email} gave ${login.status}: ${JSON.stringify(login.body)}`);
  return login.body.accessToken as string;
}

export async function newAccount(system: SystemUnderTest, label = 'user'): Promise<Account> {
  const email = uniqueEmail(label);
  const password = 'a-long-enough-password';
  const registered = await system.http('POST', '/auth/register', { body: { email, password } });
  if (registered.status !== 201) throw new Error(`register gave ${registered.status}: ${JSON.stringify(registered.body)}`);
  return { email, password, token: await loginAs(system, email, password), userId: registered.body.id as string };
}

export const adminToken = (system: SystemUnderTest) => loginAs(system, ADMIN.email, ADMIN.password);

export function traceparent(): { header: string; traceId: string } {
  const traceId = randomUUID().replace(/-/g, '');
  return { header: `00-${traceId}-${randomUUID().replace(/-/g, '').slice(0, 16)}-01`, traceId };
}
