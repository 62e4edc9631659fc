import { QueryFailedError } from 'typeorm';

/** A unique index refused the row (SQLite `SQLITE_CONSTRAINT … UNIQUE`, PostgreSQL 23505). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string } | undefined;
  return driverError?.code === '23505' || /UNIQUE constraint failed/i.test(driverError?.message ?? error.message);
}
