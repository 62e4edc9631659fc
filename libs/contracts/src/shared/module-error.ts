/** The one shape an error has when it crosses a module boundary, in every topology. */
export interface ModuleErrorBody {
  status: number;
  code: string;
  message: string;
  fields?: FieldError[];
}

export interface FieldError {
  field: string;
  message: string;
}

export function isModuleErrorBody(value: unknown): value is ModuleErrorBody {
  const body = value as ModuleErrorBody | null;
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof body.status === 'number' &&
    typeof body.code === 'string' &&
    typeof body.message === 'string'
  );
}
