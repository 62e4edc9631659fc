import { UserActor, UserView } from '@app/contracts';
import { randomUUID } from 'node:crypto';

export const PASSWORD = 'correct horse battery staple';

export const uniqueEmail = (label = 'user') => `${label}-${randomUUID().slice(0, 8)}@archipelago.test`;

export const actorOf = (user: UserView): UserActor => ({ kind: 'user', id: user.id, roles: user.roles });

/** The claims of a JWT, read without checking it (to look at what auth put in). */
export function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header, claims] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
  return { header, claims };
}
