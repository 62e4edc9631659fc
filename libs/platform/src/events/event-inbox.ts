import { DeliveryReceipt, EVENT_CATALOG, EventDelivery, isModuleName, subscribersOf } from '@app/contracts';
import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { MessageContext } from '../context/message-context';
import { parseTraceparent, newTrace } from '../context/trace-context';
import { EnvelopeMeta } from '../envelope/envelope';
import { HostedModules } from '../module/hosted-modules';
import { EventHandlerRegistry } from './event-handler-registry';
import { InboxMessage } from './inbox-message.entity';
import { validatePayload } from './validate-payload';

/**
 * The receiving end of the outbox: hands an event to its subscriber's handler once. The inbox
 * row and the handler's writes share one transaction, so a redelivery finds the row and stops.
 */
@Injectable()
export class EventInbox {
  constructor(
    private readonly hosted: HostedModules,
    private readonly handlers: EventHandlerRegistry,
  ) {}

  async receive(delivery: EventDelivery, meta: EnvelopeMeta): Promise<DeliveryReceipt> {
    const subscriber = isModuleName(delivery.subscriber) ? this.hosted.get(delivery.subscriber) : undefined;
    if (!subscriber) throw new NotFoundException({ code: 'NOT_HOSTED', message: `${delivery.subscriber} does not run in this process` });
    const handler = this.handlers.handlerFor(subscriber.name, delivery.pattern);
    if (!handler || !subscribersOf(delivery.pattern).includes(subscriber.name)) {
      throw new UnprocessableEntityException({
        code: 'NOT_SUBSCRIBED',
        message: `${subscriber.name} does not subscribe to ${delivery.pattern}`,
      });
    }
    const contract = EVENT_CATALOG.get(delivery.pattern);
    const payload = contract ? await validatePayload(contract.payload, delivery.payload) : delivery.payload;
    const trace = parseTraceparent(meta.traceparent) ?? newTrace();
    const context = { trace, actor: meta.actor, module: subscriber.name, deadline: meta.deadline };
    return MessageContext.run(context, () =>
      subscriber.database.transaction(async (manager) => {
        const inbox = manager.getRepository(InboxMessage);
        if (await inbox.existsBy({ eventId: delivery.eventId })) return { eventId: delivery.eventId, duplicate: true };
        await inbox.insert({
          eventId: delivery.eventId,
          pattern: delivery.pattern,
          source: delivery.source,
          receivedAt: new Date().toISOString(),
        });
        await handler({
          ...delivery,
          payload: payload as Record<string, unknown>,
          traceId: trace.traceId,
          actor: meta.actor,
          manager,
        });
        return { eventId: delivery.eventId, duplicate: false };
      }),
    );
  }
}
