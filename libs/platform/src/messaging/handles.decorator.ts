import { applyDecorators, SetMetadata, UseFilters, UseGuards, UseInterceptors, UsePipes } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CallContract } from '@app/contracts';
import { RpcErrorFilter } from '../errors/rpc-error.filter';
import { createContractValidationPipe } from './contract-validation.pipe';
import { EnvelopeGuard } from './envelope.guard';
import { HANDLER_METADATA, HandlerMetadata, HandlerPolicy } from './handler-policy';
import { MessageContextInterceptor } from './message-context.interceptor';

/**
 * Declares a handler for a contract's call, with the callers (and roles) it accepts.
 * The same guard, validation, context and error mapping apply in every topology.
 *
 * @example @Handles(AuthContract.verifyToken, { callers: ['gateway'] })
 */
export function Handles<TRequest extends object, TResponse>(contract: CallContract<TRequest, TResponse>, policy: HandlerPolicy) {
  const metadata: HandlerMetadata = { ...policy, contract: contract };
  return applyDecorators(
    MessagePattern(contract.pattern),
    SetMetadata(HANDLER_METADATA, metadata),
    UseFilters(RpcErrorFilter),
    UseGuards(EnvelopeGuard),
    UseInterceptors(MessageContextInterceptor),
    UsePipes(createContractValidationPipe()),
  );
}
