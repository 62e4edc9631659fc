import { PayloadClass } from '@app/contracts';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError, ValidatorOptions } from 'class-validator';
import { validationException } from './contract-validation.pipe';

const OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  // Empty requests (`MeRequest`) are classes without decorators: nothing to know, nothing wrong.
  forbidUnknownValues: false,
  validationError: { target: false, value: false },
};

/** Turns a plain payload into an instance of its contract class, or throws 400 naming each field. */
export type PayloadValidator = (plain: unknown) => object;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function hasRules(type: PayloadClass<object>): boolean {
  return getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
}

/** What the whitelist says of a field a class without rules does not have. */
function unknownField(property: string): ValidationError {
  return Object.assign(new ValidationError(), {
    property,
    children: [],
    constraints: { whitelistValidation: `property ${property} should not exist` },
  });
}

/**
 * Built once per contract at start; the same rules as the gateway's ValidationPipe. A request
 * class without any rule (an empty query such as `auth.user.me.v1`) only has to be empty, which
 * is checked without the class-transformer/class-validator round.
 */
export function payloadValidator(type: PayloadClass<object>): PayloadValidator {
  const validate = (plain: unknown) => {
    const instance: object = plainToInstance(type, plain ?? {});
    const errors = validateSync(instance, OPTIONS);
    if (errors.length > 0) throw validationException(errors);
    return instance;
  };
  if (hasRules(type)) return validate;
  return (plain) => {
    if (plain !== undefined && !isPlainObject(plain)) return validate(plain);
    const fields = plain ? Object.keys(plain) : [];
    if (fields.length > 0) throw validationException(fields.map(unknownField));
    return new type();
  };
}
