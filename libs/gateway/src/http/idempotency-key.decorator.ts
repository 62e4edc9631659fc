import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

const PRINTABLE_KEY = /^[\x21-\x7e]{1,255}$/;

/** The `Idempotency-Key` header, checked (1–255 printable characters) or undefined. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const header = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !PRINTABLE_KEY.test(header)) {
    throw new BadRequestException({
      code: 'VALIDATION_FAILED',
      message: 'Idempotency-Key must be 1 to 255 printable ASCII characters',
      fields: [{ field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }],
    });
  }
  return header;
});
