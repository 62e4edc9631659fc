/**
 * A log line with fields: `msg` is what a text log shows; a JSON log carries every field.
 * `new Logger('Http').log(logRecord('GET /health → 200 in 3 ms', { status: 200, durationMs: 3 }))`.
 */
export interface LogRecord {
  msg: string;
  fields: Record<string, unknown>;
}

export const logRecord = (msg: string, fields: Record<string, unknown>): LogRecord => ({ msg, fields });

export function isLogRecord(value: unknown): value is LogRecord {
  return typeof value === 'object' && value !== null && typeof (value as LogRecord).msg === 'string' && 'fields' in value;
}
