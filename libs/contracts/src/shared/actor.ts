/** The person or process on whose behalf a message is sent. Plain JSON: it crosses the wire. */
export type Actor = UserActor | SystemActor | AnonymousActor;

export interface UserActor {
  kind: 'user';
  id: string;
  roles: string[];
}

/** A module acting on its own (a relay, a scheduled job, start-up seeding). */
export interface SystemActor {
  kind: 'system';
}

/** A request that has not proven who it is yet (register, login). */
export interface AnonymousActor {
  kind: 'anonymous';
}

export const SYSTEM_ACTOR: SystemActor = { kind: 'system' };
export const ANONYMOUS_ACTOR: AnonymousActor = { kind: 'anonymous' };

export function describeActor(actor: Actor): string {
  return actor.kind === 'user' ? `user:${actor.id}` : actor.kind;
}
