import {
  Actor,
  EVENT_CATALOG,
  EventBatch,
  EventBatchReceipt,
  EventDelivery,
  EventReceipt,
  isModuleName,
  PlatformContract,
  subscribersOf,
} from '@app/contracts';
import { BadRequestException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MessageContext, MessageContextData } from '../context/message-context';
import { newTrace, parseTraceparent } from '../context/trace-context';
import { EnvelopeMeta } from '../envelope/envelope';
import { ModuleCallError } from '../errors/module-call.error';
import { RefusalError } from '../errors/refusal.error';
import { toModuleError } from '../errors/to-module-error';
import { RefusalRecorder } from '../messaging/refusal-recorder';
import { HostedDatabase, HostedDatabases } from '../database/hosted-databases';
import { EventHandlerFn, EventHandlerRegistry } from './event-handler-registry';
import { InboxMessage } from './inbox-message.entity';
import { inReceiveSpan } from '../tracing/event-spans';
import { Tracing } from '../tracing/tracing';
import { validatePayload } from './validate-payload';

/** An event checked and ready for its handler. */
interface Ready {
  event: EventDelivery;
  payload: Record<string, unknown>;
  handler: EventHandlerFn;
  context: MessageContextData;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The same actor shapes the envelope accepts. */
function isActor(value: unknown): value is Actor {
  if (!isRecord(value)) return false;
  if (value.kind === 'system' || value.kind === 'anonymous') return true;
  const { id, roles } = value;
  const validId = typeof id === 'string' && id.length > 0 && id.length <= 64;
  return value.kind === 'user' && validId && Array.isArray(roles) && roles.every((role) => typeof role === 'string');
}

/**
 * The receiving end of the outbox: hands each event of a batch to its subscriber's handler once,
 * in order. Every event gets a savepoint of its own in one group commit (ADR 0012): its inbox row
 * and the handler's writes are kept together or rolled back together, so a redelivery finds the
 * row and stops. The first event that fails stops the batch; the receipts say how far it got.
 *
 * Who may deliver what (ADR 0022): a batch is taken only by the module it was sent to, and an event
 * only from the module that published it — the authenticated caller must be the event's `source`.
 * Anything else is refused and audited, in every topology.
 */
@Injectable()
export class EventInbox {
  constructor(
    private readonly hosted: HostedDatabases,
    private readonly handlers: EventHandlerRegistry,
    private readonly refusals: RefusalRecorder,
    private readonly tracing: Tracing,
  ) {}

  async receive(batch: EventBatch, meta: EnvelopeMeta): Promise<EventBatchReceipt> {
    if (batch.subscriber !== meta.callee) {
      const misaddressed = new RefusalError(
        'bad-envelope',
        `the batch is for ${batch.subscriber}, but the message was sent to ${meta.callee}`,
      );
      throw await this.audited(misaddressed, meta);
    }
    const subscriber = isModuleName(batch.subscriber) ? this.hosted.get(batch.subscriber) : undefined;
    if (!subscriber) throw new NotFoundException({ code: 'NOT_HOSTED', message: `${batch.subscriber} does not run in this process` });
    const ready: Ready[] = [];
    let refused: EventReceipt | undefined;
    for (const event of batch.events) {
      try {
        ready.push(await this.check(subscriber, event, meta));
      } catch (error) {
        if (error instanceof RefusalError) await this.audited(error, meta);
        refused = { eventId: event.eventId, outcome: 'failed', error: toModuleError(error) };
        break;
      }
    }
    const outcomes =
      ready.length > 0
        ? await subscriber.database.inOrder(ready, (item, manager) =>
            inReceiveSpan(this.tracing, item, (traced) => this.apply(traced, manager)),
          )
        : [];
    const receipts: EventReceipt[] = outcomes.map((outcome, index) => {
      const eventId = ready[index].event.eventId;
      if (!outcome.ok) return { eventId, outcome: 'failed', error: toModuleError(outcome.error) };
      return { eventId, outcome: outcome.value ? 'applied' : 'duplicate' };
    });
    if (refused && outcomes.length === ready.length && outcomes.every((outcome) => outcome.ok)) receipts.push(refused);
    return { receipts };
  }

  /** Stamps a refusal in the audit log; answers the error a refused delivery gets. */
  private async audited(refusal: RefusalError, meta: EnvelopeMeta): Promise<ModuleCallError> {
    await this.refusals.record(PlatformContract.deliverEvents.pattern, refusal, meta);
    return new ModuleCallError(toModuleError(refusal));
  }

  /** From its source, subscribed, a handler here, a valid payload and actor: everything that needs no transaction. */
  private async check(subscriber: HostedDatabase, event: EventDelivery, meta: EnvelopeMeta): Promise<Ready> {
    if (event.source !== meta.caller) {
      throw new RefusalError(
        'caller-not-allowed',
        `"${meta.caller}" may not deliver ${event.pattern} of ${String(event.source)}: only its source may`,
      );
    }
    const handler = this.handlers.handlerFor(subscriber.name, event.pattern);
    if (!handler || !subscribersOf(event.pattern).includes(subscriber.name)) {
      throw new UnprocessableEntityException({
        code: 'NOT_SUBSCRIBED',
        message: `${subscriber.name} does not subscribe to ${event.pattern}`,
      });
    }
    if (!isActor(event.actor)) {
      throw new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: 'actor must be a user (id of 1 to 64 characters, roles), system or anonymous actor',
      });
    }
    const contract = EVENT_CATALOG.get(event.pattern);
    const payload = contract ? ((await validatePayload(contract.payload, event.payload)) as Record<string, unknown>) : event.payload;
    const trace = parseTraceparent(event.traceparent) ?? newTrace();
    const context = { trace, actor: event.actor, module: subscriber.name, deadline: meta.deadline };
    return { event, payload, handler, context };
  }

  /** True if applied now, false if the inbox already had it. */
  private apply({ event, payload, handler, context }: Ready, manager: EntityManager): Promise<boolean> {
    return MessageContext.run(context, async () => {
      const [sql, parameters] = manager
        .createQueryBuilder()
        .insert()
        .into(InboxMessage)
        .values({ eventId: event.eventId, pattern: event.pattern, source: event.source, receivedAt: new Date().toISOString() })
        .orIgnore()
        .getQueryAndParameters();
      const inserted = await manager.queryRunner!.query(sql, parameters, true);
      if (inserted.affected === 0) return false;
      const { eventId, pattern, source, occurredAt } = event;
      await handler({ eventId, pattern, source, occurredAt, payload, traceId: context.trace.traceId, actor: context.actor, manager });
      return true;
    });
  }
}
