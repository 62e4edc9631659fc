import { SetMetadata } from '@nestjs/common';
import { ALL_EVENTS, Actor, EventContract, ModuleName } from '@app/contracts';
import { EntityManager } from 'typeorm';

export const EVENT_CONSUMER = 'archipelago:event-consumer';
export const EVENT_HANDLER = 'archipelago:event-handler';

/** An event as its subscriber sees it, with the transaction its effect must be written in. */
export interface ReceivedEvent<T = Record<string, unknown>> {
  eventId: string;
  pattern: string;
  source: string;
  occurredAt: string;
  payload: T;
  traceId: string;
  actor: Actor;
  /** Writes through this manager commit together with the inbox row: exactly one effect. */
  manager: EntityManager;
}

export type EventHandlerTarget = EventContract<object> | typeof ALL_EVENTS;

/** Marks a provider whose methods handle events on behalf of `module`. */
export const EventConsumer = (module: ModuleName) => SetMetadata(EVENT_CONSUMER, module);

/** Marks a method as the handler of an event (or of every event, for the audit log). */
export const HandlesEvent = (event: EventHandlerTarget) => SetMetadata(EVENT_HANDLER, event);
