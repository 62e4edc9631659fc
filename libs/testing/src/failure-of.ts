import { ModuleErrorBody } from '@app/contracts';
import { ModuleCallError } from '@app/platform';

/** The `{ status, code, message }` a call failed with; throws if it succeeded. */
export async function failureOf(call: Promise<unknown>): Promise<ModuleErrorBody> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ModuleCallError) return error.body;
    throw error;
  }
  throw new Error('the call succeeded, a failure was expected');
}
