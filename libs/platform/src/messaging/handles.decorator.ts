import { SetMetadata } from '@nestjs/common';
import { CallContract } from '@app/contracts';
import { HANDLER_METADATA, HandlerMetadata, HandlerPolicy } from './handler-policy';

/**
 * Declares a handler for a contract's call, with the callers (and roles) it accepts. At start the
 * kernel compiles it into one function — policy, validation, context, handler, errors, stamps —
 * that in-process calls run directly and the transports run after checking the envelope.
 *
 * @example @Handles(AuthContract.verifyToken, { callers: ['gateway'] })
 */
export function Handles<TRequest extends object, TResponse>(contract: CallContract<TRequest, TResponse>, policy: HandlerPolicy) {
  const metadata: HandlerMetadata = { ...policy, contract };
  return SetMetadata(HANDLER_METADATA, metadata);
}
