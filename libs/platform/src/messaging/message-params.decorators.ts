import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Actor } from '@app/contracts';
import { Envelope, EnvelopeMeta } from '../envelope/envelope';

/** The validated payload of the envelope, as the handler's DTO class. */
export const MessageBody = () => Payload('payload');

/** The acting user (or system/anonymous) the message was sent for. */
export const MessageActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor => context.switchToRpc().getData<Envelope>().meta.actor,
);

/** The whole verified envelope meta: trace, caller, deadline. */
export const MessageMeta = createParamDecorator(
  (_: unknown, context: ExecutionContext): EnvelopeMeta => context.switchToRpc().getData<Envelope>().meta,
);
