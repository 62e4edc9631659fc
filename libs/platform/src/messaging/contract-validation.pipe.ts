import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError } from '@app/contracts';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** 400 with every offending field named: `{ code: 'VALIDATION_FAILED', fields: [...] }`. */
export function validationException(errors: ValidationError[]): BadRequestException {
  const fields = flatten(errors);
  const message = fields.map((f) => f.message).join('; ') || 'invalid payload';
  return new BadRequestException({ code: 'VALIDATION_FAILED', message, fields });
}

/** The one validation every contract payload goes through, in every topology and at the edge. */
export function createContractValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: validationException,
  });
}
