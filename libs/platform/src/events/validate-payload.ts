import { PayloadClass } from '@app/contracts';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationException } from '../messaging/contract-validation.pipe';

/** Checks a plain payload against its contract class; returns the class instance. */
export async function validatePayload<T extends object>(type: PayloadClass<T>, plain: unknown): Promise<T> {
  const instance = plainToInstance(type, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw validationException(errors);
  return instance;
}
