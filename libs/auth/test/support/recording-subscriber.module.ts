import { ALL_EVENTS, AuditContract } from '@app/contracts';
import { EventConsumer, Handles, HandlesEvent, ModuleKernel, ReceivedEvent } from '@app/platform';
import { Controller, Injectable, Module, NotImplementedException } from '@nestjs/common';

export type RecordedEvent = Omit<ReceivedEvent, 'manager'>;

/**
 * A stand-in for the audit module in the auth tests: it subscribes to every event, as audit does
 * in EVENT_SUBSCRIPTIONS, and remembers what reached it through outbox, relay and inbox.
 */
@Injectable()
@EventConsumer('audit')
export class RecordedEvents {
  readonly received: RecordedEvent[] = [];

  @HandlesEvent(ALL_EVENTS)
  record({ manager: _manager, ...event }: ReceivedEvent): Promise<void> {
    this.received.push(event);
    return Promise.resolve();
  }

  ofPattern(pattern: string): RecordedEvent[] {
    return this.received.filter((event) => event.pattern === pattern);
  }
}

/** Audit's own calls are not under test; the platform still wants a handler for each. Nobody may call them. */
@Controller()
export class AuditCallsNotUnderTest {
  @Handles(AuditContract.search, { callers: [] })
  search(): never {
    throw new NotImplementedException();
  }

  @Handles(AuditContract.verifyChain, { callers: [] })
  verifyChain(): never {
    throw new NotImplementedException();
  }
}

@Module({
  imports: [ModuleKernel.forModule({ module: 'audit', entities: [], migrations: [] })],
  controllers: [AuditCallsNotUnderTest],
  providers: [RecordedEvents],
})
export class RecordingSubscriberModule {}
