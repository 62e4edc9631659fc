import { EventContract, ModuleName, subscribersOf, SYSTEM_ACTOR } from '@app/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Topology } from '../config/topology';
import { MessageContext } from '../context/message-context';
import { formatTraceparent, newTrace } from '../context/trace-context';
import { ModuleDatabase } from '../database/module-database';
import { OutboxMessage } from './outbox-message.entity';
import { validatePayload } from './validate-payload';

/** Tells the relay there is something new to send. */
export interface RelayKick {
  kick(): void;
}

/**
 * Publishes a module's events through its outbox: one row per deployed subscriber, written in
 * the caller's transaction, so the event exists if and only if the state change does. The relay
 * is woken once that transaction has committed, never before (it would find nothing yet).
 */
export class EventPublisher {
  constructor(
    private readonly module: ModuleName,
    private readonly database: ModuleDatabase,
    private readonly topology: Topology,
    private readonly relay: RelayKick,
  ) {}

  async publish<T extends object>(manager: EntityManager, event: EventContract<T>, payload: T): Promise<string> {
    const plain = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
    await validatePayload(event.payload, plain);
    const eventId = randomUUID();
    const orderingKey = orderingKeyOf(event, plain);
    const rows = this.subscribers(event.pattern).map((subscriber) => ({
      ...this.outboxRow(eventId, event.pattern, subscriber, plain),
      orderingKey,
    }));
    if (rows.length === 0) return eventId;
    // One multi-row INSERT, without TypeORM's SELECT of the generated seq and defaults afterwards.
    await manager.createQueryBuilder().insert().into(OutboxMessage).values(rows).updateEntity(false).execute();
    this.database.afterCommit(manager, () => this.relay.kick());
    return eventId;
  }

  /** Publishes in a transaction of its own (stamps that follow no state change of ours); none if nobody subscribes. */
  async publishAlone<T extends object>(event: EventContract<T>, payload: T): Promise<string> {
    if (this.subscribers(event.pattern).length > 0) return this.database.transaction((manager) => this.publish(manager, event, payload));
    const plain = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
    await validatePayload(event.payload, plain);
    return randomUUID();
  }

  private subscribers(pattern: string): ModuleName[] {
    return subscribersOf(pattern).filter((module) => this.topology.isDeployed(module));
  }

  private outboxRow(eventId: string, pattern: string, subscriber: ModuleName, payload: object): Partial<OutboxMessage> {
    const context = MessageContext.current();
    return {
      eventId,
      pattern,
      source: this.module,
      subscriber,
      payload: JSON.stringify(payload),
      traceparent: formatTraceparent(context?.trace ?? newTrace()),
      actor: JSON.stringify(context?.actor ?? SYSTEM_ACTOR),
      occurredAt: new Date().toISOString(),
      attempts: 0,
      refusals: 0,
      nextAttemptAt: Date.now(),
      deliveredAt: null,
      lastError: null,
      deadLetteredAt: null,
      deadLetterReason: null,
    };
  }
}

/**
 * The value of the contract's `orderingKey` field, prefixed with the field's name so keys of
 * different kinds never meet; null (no order to keep) without one (ADR 0016).
 */
export function orderingKeyOf(event: EventContract<object>, payload: Record<string, unknown>): string | null {
  const value = event.orderingKey ? payload[event.orderingKey] : undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  return `${event.orderingKey}:${String(value)}`.slice(0, 120);
}
