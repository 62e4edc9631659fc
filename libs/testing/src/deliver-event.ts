import { Actor, EventBatchReceipt, ModuleName, PlatformContract, SYSTEM_ACTOR } from '@app/contracts';
import { formatTraceparent, MessageSender, ModuleCallError, newTrace, TraceContext } from '@app/platform';
import { randomUUID } from 'node:crypto';

export interface EventToDeliver {
  pattern: string;
  source: ModuleName;
  payload: Record<string, unknown>;
  eventId?: string;
  actor?: Actor;
  trace?: TraceContext;
}

/** The single-event view tests care about. */
export interface DeliveryReceipt {
  eventId: string;
  duplicate: boolean;
}

/**
 * Delivers one event the way a publisher's outbox relay does (`platform.events.deliver.v1`, a
 * batch of one, signed as the source module). Resolves with its receipt; a failed event rejects
 * with the ModuleCallError the handler's error maps to.
 */
export async function deliverEvent(sender: MessageSender, subscriber: ModuleName, event: EventToDeliver): Promise<DeliveryReceipt> {
  const { eventId = randomUUID(), actor = SYSTEM_ACTOR, trace = newTrace() } = event;
  const delivery = {
    eventId,
    pattern: event.pattern,
    source: event.source,
    payload: event.payload,
    occurredAt: new Date().toISOString(),
    traceparent: formatTraceparent(trace),
    actor,
  };
  const { receipts } = await sender.send<EventBatchReceipt>(
    subscriber,
    PlatformContract.deliverEvents.pattern,
    { subscriber, events: [delivery] },
    event.source,
    { actor: SYSTEM_ACTOR },
  );
  const [receipt] = receipts;
  if (receipt.outcome === 'failed') throw new ModuleCallError(receipt.error!);
  return { eventId: receipt.eventId, duplicate: receipt.outcome === 'duplicate' };
}
