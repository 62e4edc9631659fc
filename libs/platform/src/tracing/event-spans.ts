import { EventDelivery, EventReceipt } from '@app/contracts';
import { Attributes, SpanKind } from '@opentelemetry/api';
import { MessageContextData } from '../context/message-context';
import { formatTraceparent, parseTraceparent } from '../context/trace-context';
import { KernelSpan } from './kernel-span';
import { Tracing } from './tracing';

const eventAttributes = (event: EventDelivery, subscriber: string): Attributes => ({
  'archipelago.event': event.pattern,
  'archipelago.event_id': event.eventId,
  'archipelago.source': event.source,
  'archipelago.subscriber': subscriber,
});

/**
 * The relay's side of one batch: a span per event, child of the work that published it (the
 * outbox row's `traceparent`), so the delivery shows in the trace of the request that caused it,
 * however much later it happens. Each event leaves with its span as `traceparent`: the
 * subscriber's handler span is the delivery span's child.
 */
export class DeliverySpans {
  readonly events: EventDelivery[];
  /** One per event, in the same order (none for a row whose `traceparent` is unreadable). */
  private readonly spans: Array<KernelSpan | undefined>;

  constructor(tracing: Tracing, subscriber: string, events: EventDelivery[]) {
    this.spans = events.map((event) => {
      const published = parseTraceparent(event.traceparent);
      const name = `deliver ${event.pattern} → ${subscriber}`;
      return published && tracing.start(name, SpanKind.PRODUCER, published, eventAttributes(event, subscriber));
    });
    this.events = events.map((event, index) => {
      const span = this.spans[index];
      return span ? { ...event, traceparent: formatTraceparent(span.trace) } : event;
    });
  }

  /** Each span ends with its event's receipt; an event without one (after a failed one) was not applied. */
  settle(receipts: EventReceipt[]): void {
    const byEvent = new Map(receipts.map((receipt) => [receipt.eventId, receipt]));
    for (const [index, span] of this.spans.entries()) {
      const receipt = byEvent.get(this.events[index].eventId);
      if (!span) continue;
      if (!receipt) span.end('not-applied', true);
      else if (receipt.outcome === 'failed') span.end(receipt.error?.code ?? 'failed', true);
      else span.end(receipt.outcome);
    }
  }

  /** The batch got no answer (transport, deadline): every event's span fails with it. */
  fail(error: unknown): void {
    for (const span of this.spans) span?.fail(error);
  }
}

/**
 * Runs one received event's handler in a span of its own, child of its delivery span (the event's
 * `traceparent`): `applied`, `duplicate` (the inbox had it), or the error.
 */
export async function inReceiveSpan<R extends { event: EventDelivery; context: MessageContextData }>(
  tracing: Tracing,
  ready: R,
  apply: (traced: R) => Promise<boolean>,
): Promise<boolean> {
  const { event, context } = ready;
  const span = tracing.start(`receive ${event.pattern}`, SpanKind.CONSUMER, context.trace, eventAttributes(event, context.module));
  try {
    const applied = await apply({ ...ready, context: { ...context, trace: span.trace } });
    span.end(applied ? 'applied' : 'duplicate');
    return applied;
  } catch (error) {
    span.fail(error);
    throw error;
  }
}
