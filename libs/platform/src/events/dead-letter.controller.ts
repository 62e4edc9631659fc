import {
  EventDeadLetterList,
  GATEWAY,
  ListEventDeadLettersRequest,
  PlatformContract,
  ResubmitEventDeadLetterRequest,
  ResubmittedEventDeadLetter,
} from '@app/contracts';
import { Controller } from '@nestjs/common';
import { EnvelopeMeta } from '../envelope/envelope';
import { RefusalError } from '../errors/refusal.error';
import { Handles } from '../messaging/handles.decorator';
import { MessageBody, MessageMeta } from '../messaging/message-params.decorators';
import { DeadLetters } from './dead-letters';

/** A request about a module's outbox is sent to that module (ADR 0022). */
function assertSentTo(module: string, meta: EnvelopeMeta): void {
  if (module !== meta.callee)
    throw new RefusalError('bad-envelope', `the request is about ${module}, but the message was sent to ${meta.callee}`);
}

/** The admin's door to the dead letters of the outboxes hosted in this process (ADR 0016). */
@Controller()
export class DeadLetterController {
  constructor(private readonly deadLetters: DeadLetters) {}

  @Handles(PlatformContract.listDeadLetters, { callers: [GATEWAY], roles: ['admin'] })
  list(@MessageBody() request: ListEventDeadLettersRequest, @MessageMeta() meta: EnvelopeMeta): Promise<EventDeadLetterList> {
    assertSentTo(request.module, meta);
    return this.deadLetters.list(request.module);
  }

  @Handles(PlatformContract.resubmitDeadLetter, { callers: [GATEWAY], roles: ['admin'] })
  resubmit(@MessageBody() request: ResubmitEventDeadLetterRequest, @MessageMeta() meta: EnvelopeMeta): Promise<ResubmittedEventDeadLetter> {
    assertSentTo(request.module, meta);
    return this.deadLetters.resubmit(request.module, request.seq, meta);
  }
}
