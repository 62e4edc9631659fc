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
import { Handles } from '../messaging/handles.decorator';
import { MessageBody, MessageMeta } from '../messaging/message-params.decorators';
import { DeadLetters } from './dead-letters';

/** The admin's door to the dead letters of the outboxes hosted in this process (ADR 0016). */
@Controller()
export class DeadLetterController {
  constructor(private readonly deadLetters: DeadLetters) {}

  @Handles(PlatformContract.listDeadLetters, { callers: [GATEWAY], roles: ['admin'] })
  list(@MessageBody() request: ListEventDeadLettersRequest): Promise<EventDeadLetterList> {
    return this.deadLetters.list(request.module);
  }

  @Handles(PlatformContract.resubmitDeadLetter, { callers: [GATEWAY], roles: ['admin'] })
  resubmit(@MessageBody() request: ResubmitEventDeadLetterRequest, @MessageMeta() meta: EnvelopeMeta): Promise<ResubmittedEventDeadLetter> {
    return this.deadLetters.resubmit(request.module, request.seq, meta);
  }
}
