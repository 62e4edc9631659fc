import {
  EventDeadLetterList,
  EventDeadLetterView,
  isModuleName,
  ModuleName,
  PlatformEvents,
  ResubmittedEventDeadLetter,
} from '@app/contracts';
import { Injectable, NotFoundException } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { HostedDatabases } from '../database/hosted-databases';
import { ModuleDatabase } from '../database/module-database';
import { EnvelopeMeta } from '../envelope/envelope';
import { EventPublisher } from './event-publisher';
import { HostedPublishers } from './hosted-publishers';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxRelay } from './outbox-relay';

/** At most this many dead letters are listed per module, oldest first. */
export const MAX_DEAD_LETTERS_LISTED = 500;

/** A module hosted here, with the database its outbox is in and the publisher that stamps into it. */
interface HostedOutbox {
  name: ModuleName;
  database: ModuleDatabase;
  publisher: EventPublisher;
}

/**
 * The dead-lettered rows of the outboxes hosted here (ADR 0016): listed for admins, and made due
 * again one at a time. A resubmit is stamped (`platform.command.handled.v1`) in the same
 * transaction, in the outbox of the module it concerns, so the audit log has it exactly once.
 */
@Injectable()
export class DeadLetters {
  constructor(
    private readonly databases: HostedDatabases,
    private readonly publishers: HostedPublishers,
    private readonly relay: OutboxRelay,
  ) {}

  async list(module: string): Promise<EventDeadLetterList> {
    const hosted = this.hostedModule(module);
    const rows = await hosted.database.read((manager) =>
      manager.find(OutboxMessage, { where: { deadLetteredAt: Not(IsNull()) }, order: { seq: 'ASC' }, take: MAX_DEAD_LETTERS_LISTED }),
    );
    return { deadLetters: rows.map((row) => toView(hosted.name, row)) };
  }

  async resubmit(module: string, seq: number, meta: EnvelopeMeta): Promise<ResubmittedEventDeadLetter> {
    const hosted = this.hostedModule(module);
    const stamp = { pattern: meta.pattern, caller: meta.caller };
    try {
      const resubmitted = await hosted.database.transaction(async (manager) => {
        const repository = manager.getRepository(OutboxMessage);
        const reset = await repository.update(
          { seq, deadLetteredAt: Not(IsNull()) },
          { deadLetteredAt: null, deadLetterReason: null, attempts: 0, refusals: 0, nextAttemptAt: Date.now() },
        );
        if (!reset.affected) throw notFound(hosted.name, seq);
        const row = await repository.findOneByOrFail({ seq });
        await hosted.publisher.publish(manager, PlatformEvents.commandHandled, { ...stamp, outcome: 'ok' });
        return { module: hosted.name, seq, eventId: row.eventId, subscriber: row.subscriber, resubmittedAt: new Date().toISOString() };
      });
      this.relay.kick();
      return resubmitted;
    } catch (error) {
      const code = (error as NotFoundException).getResponse?.() as { code?: string } | undefined;
      await hosted.publisher.publishAlone(PlatformEvents.commandHandled, {
        ...stamp,
        outcome: 'error',
        errorCode: code?.code ?? 'INTERNAL',
      });
      throw error;
    }
  }

  private hostedModule(module: string): HostedOutbox {
    const database = isModuleName(module) ? this.databases.get(module) : undefined;
    const publisher = isModuleName(module) ? this.publishers.get(module) : undefined;
    if (!database || !publisher) throw new NotFoundException({ code: 'NOT_HOSTED', message: `${module} does not run in this process` });
    return { ...database, publisher: publisher.publisher };
  }
}

function notFound(module: ModuleName, seq: number): NotFoundException {
  return new NotFoundException({
    code: 'DEAD_LETTER_NOT_FOUND',
    message: `${module}'s outbox has no dead-lettered event with seq ${seq}`,
  });
}

function toView(module: ModuleName, row: OutboxMessage): EventDeadLetterView {
  return {
    module,
    seq: Number(row.seq),
    eventId: row.eventId,
    pattern: row.pattern,
    subscriber: row.subscriber,
    orderingKey: row.orderingKey,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    occurredAt: row.occurredAt,
    attempts: Number(row.attempts),
    refusals: Number(row.refusals),
    deadLetteredAt: row.deadLetteredAt!,
    reason: row.deadLetterReason ?? row.lastError ?? 'unknown',
  };
}
