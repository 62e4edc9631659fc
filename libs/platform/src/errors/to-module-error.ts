import { HttpException } from '@nestjs/common';
import { FieldError, isModuleErrorBody, ModuleErrorBody } from '@app/contracts';
import { ModuleCallError } from './module-call.error';
import { RefusalError } from './refusal.error';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  402: 'PAYMENT_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'UNPROCESSABLE_ENTITY',
  423: 'LOCKED',
  429: 'TOO_MANY_REQUESTS',
};

function fromHttpException(error: HttpException): ModuleErrorBody {
  const status = error.getStatus();
  const response = error.getResponse() as string | { message?: string | string[]; code?: string; fields?: FieldError[] };
  const raw = typeof response === 'string' ? response : response.message;
  const message = Array.isArray(raw) ? raw.join('; ') : (raw ?? error.message);
  const code = (typeof response === 'object' && response.code) || CODE_BY_STATUS[status] || 'ERROR';
  const fields = typeof response === 'object' ? response.fields : undefined;
  return fields ? { status, code, message, fields } : { status, code, message };
}

/** Any error, as the one shape that crosses module boundaries. Unknown errors hide their details. */
export function toModuleError(error: unknown): ModuleErrorBody {
  if (error instanceof ModuleCallError) return error.body;
  if (error instanceof RefusalError) return { status: error.status, code: error.code, message: error.message };
  if (error instanceof HttpException) return fromHttpException(error);
  if (isModuleErrorBody(error)) return error;
  return { status: 500, code: 'INTERNAL', message: 'internal error' };
}
