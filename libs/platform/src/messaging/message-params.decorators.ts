import 'reflect-metadata';

/** What a handler's parameter receives: the validated payload, the acting user, or the whole meta. */
export type MessageParam = 'body' | 'actor' | 'meta';

const MESSAGE_PARAMS = 'archipelago:message-params';

function messageParam(kind: MessageParam): ParameterDecorator {
  return (target, method, index) => {
    const params = (Reflect.getMetadata(MESSAGE_PARAMS, target, method!) as MessageParam[] | undefined) ?? [];
    params[index] = kind;
    Reflect.defineMetadata(MESSAGE_PARAMS, params, target, method!);
  };
}

/** The handler's parameters, in order, as declared with the decorators below. */
export function messageParamsOf(prototype: object, method: string): MessageParam[] {
  return (Reflect.getMetadata(MESSAGE_PARAMS, prototype, method) as MessageParam[] | undefined) ?? [];
}

/** The validated payload, as an instance of the contract's request class. */
export const MessageBody = () => messageParam('body');

/** The acting user (or system/anonymous) the message was sent for. */
export const MessageActor = () => messageParam('actor');

/** The whole envelope meta: trace, caller, actor, deadline. */
export const MessageMeta = () => messageParam('meta');
