import { AuthEvents, BillingEvents, UserActor } from '@app/contracts';
import { MessageContext, newTrace } from '@app/platform';
import { randomUUID } from 'node:crypto';

/** An event as a publisher's relay hands it over: pattern, publishing module, payload. */
export interface TestEvent {
  pattern: string;
  source: 'auth' | 'billing';
  payload: Record<string, unknown>;
}

export const uniqueEmail = (label = 'user') => `${label}-${randomUUID().slice(0, 8)}@archipelago.test`;

export const userRegistered = (userId: string, email: string): TestEvent => ({
  pattern: AuthEvents.userRegistered.pattern,
  source: 'auth',
  payload: { userId, email, roles: ['user'], registeredAt: new Date().toISOString() },
});

export const registrationCancelled = (userId: string, email: string, reason = 'payment declined'): TestEvent => ({
  pattern: AuthEvents.registrationCancelled.pattern,
  source: 'auth',
  payload: { userId, email, reason },
});

const invoiceOf = (userId: string, amountMinor: number) => ({
  invoiceId: randomUUID(),
  subscriptionId: randomUUID(),
  userId,
  amountMinor,
  currency: 'EUR',
});

export const invoicePaid = (userId: string, amountMinor = 900): TestEvent => ({
  pattern: BillingEvents.invoicePaid.pattern,
  source: 'billing',
  payload: { ...invoiceOf(userId, amountMinor), planId: 'basic-monthly' },
});

export const paymentFailed = (userId: string, reason = 'declined'): TestEvent => ({
  pattern: BillingEvents.paymentFailed.pattern,
  source: 'billing',
  payload: { ...invoiceOf(userId, 900), planId: 'basic-monthly', reason },
});

export const invoiceRefunded = (userId: string): TestEvent => ({
  pattern: BillingEvents.invoiceRefunded.pattern,
  source: 'billing',
  payload: invoiceOf(userId, 900),
});

/** Runs a call as a signed-in user, the way the gateway does after checking the token. */
export function asUser<T>(id: string, work: () => Promise<T>, roles = ['user']): Promise<T> {
  const actor: UserActor = { kind: 'user', id, roles };
  return MessageContext.run({ trace: newTrace(), actor, module: 'gateway' }, work);
}

export const asAdmin = <T>(work: () => Promise<T>) => asUser(randomUUID(), work, ['user', 'admin']);
