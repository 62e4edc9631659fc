import 'reflect-metadata';

/**
 * What a handler's parameter receives: the validated payload, the actor (whoever it is), the
 * signed-in user (the pipeline refuses the message without one), or the whole meta.
 */
export type MessageParam = 'body' | 'actor' | 'user' | 'meta';

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

/** The actor the message was sent for: a user, `system` or `anonymous`. */
export const MessageActor = () => messageParam('actor');

/**
 * The signed-in user the message was sent for, as a `UserActor`. A handler that asks for it acts
 * for a person: the pipeline answers 401 `AUTHENTICATION_REQUIRED` before the method runs when
 * the actor is `system` or `anonymous`, in every topology.
 */
export const SignedInUser = () => messageParam('user');

/** The whole envelope meta: trace, caller, actor, deadline. */
export const MessageMeta = () => messageParam('meta');
