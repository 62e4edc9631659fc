import { AuthEvents, BillingEvents, ModuleName, PlatformEvents, UserActor } from '@app/contracts';
import { MessageContext, newTrace } from '@app/platform';
import { randomUUID } from 'node:crypto';

/** An event as a publisher's relay hands it over: pattern, publishing module, payload. */
export interface TestEvent {
  pattern: string;
  source: ModuleName;
  payload: Record<string, unknown>;
}

export const userRegistered = (userId: string = randomUUID()): TestEvent => ({
  pattern: AuthEvents.userRegistered.pattern,
  source: 'auth',
  payload: { userId, email: `user-${userId.slice(0, 8)}@archipelago.test`, roles: ['user'], registeredAt: new Date().toISOString() },
});

export const invoicePaid = (userId: string = randomUUID()): TestEvent => ({
  pattern: BillingEvents.invoicePaid.pattern,
  source: 'billing',
  payload: { invoiceId: randomUUID(), subscriptionId: randomUUID(), userId, planId: 'basic-monthly', amountMinor: 900, currency: 'EUR' },
});

/** The kernel's stamp: `source` handled a command. */
export const commandHandled = (source: ModuleName, pattern: string): TestEvent => ({
  pattern: PlatformEvents.commandHandled.pattern,
  source,
  payload: { pattern, outcome: 'ok', caller: 'gateway' },
});

export const userActor = (id: string = randomUUID(), roles = ['user']): UserActor => ({ kind: 'user', id, roles });

/** Runs a call as a signed-in user, the way the gateway does after checking the token. */
export function asUser<T>(actor: UserActor, work: () => Promise<T>): Promise<T> {
  return MessageContext.run({ trace: newTrace(), actor, module: 'gateway' }, work);
}

export const asAdmin = <T>(work: () => Promise<T>) => asUser(userActor(randomUUID(), ['user', 'admin']), work);
