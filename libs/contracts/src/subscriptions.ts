import { AuthEvents } from './auth';
import { BillingEvents } from './billing';
import { PlatformEvents } from './platform';
import { EventContract, ModuleName } from './shared';

/** Subscribing to every event, stamps included: the audit module does. */
export const ALL_EVENTS = 'all';
export type Subscription = readonly EventContract<object>[] | typeof ALL_EVENTS;

/**
 * Which module consumes which events. It lives with the contracts so that a publisher knows its
 * subscribers wherever they run; the subscriber's handlers are checked against it at start.
 */
export const EVENT_SUBSCRIPTIONS: Readonly<Record<ModuleName, Subscription>> = {
  audit: ALL_EVENTS,
  auth: [],
  billing: [AuthEvents.registrationCancelled],
  notification: [
    AuthEvents.userRegistered,
    AuthEvents.registrationCancelled,
    BillingEvents.invoicePaid,
    BillingEvents.paymentFailed,
    BillingEvents.invoiceRefunded,
  ],
};

/** Every event published anywhere, by pattern: the catalogue the relay and inbox validate with. */
export const EVENT_CATALOG: ReadonlyMap<string, EventContract<object>> = new Map(
  [...Object.values(AuthEvents), ...Object.values(BillingEvents), ...Object.values(PlatformEvents)].map((event) => [
    event.pattern,
    event as EventContract<object>,
  ]),
);

export function subscribersOf(pattern: string): ModuleName[] {
  return (Object.keys(EVENT_SUBSCRIPTIONS) as ModuleName[]).filter((module) => {
    const subscription = EVENT_SUBSCRIPTIONS[module];
    return subscription === ALL_EVENTS || subscription.some((event) => event.pattern === pattern);
  });
}
