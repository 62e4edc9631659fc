import { PayloadClass } from '@app/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidatorOptions } from 'class-validator';
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

/** Built once per contract at start; the same rules as the gateway's ValidationPipe. */
export function payloadValidator(type: PayloadClass<object>): PayloadValidator {
  return (plain) => {
    const instance: object = plainToInstance(type, plain ?? {});
    const errors = validateSync(instance, OPTIONS);
    if (errors.length > 0) throw validationException(errors);
    return instance;
  };
}
