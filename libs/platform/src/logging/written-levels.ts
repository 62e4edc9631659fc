import { LogLevel } from '@nestjs/common';

/** Nest's own default: every level is written until a `TraceLogger` says otherwise. */
const EVERY_LEVEL: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

let written: ReadonlySet<LogLevel> = new Set(EVERY_LEVEL);

/**
 * Whether this process's log writes `level` (`LOG_LEVEL` and every level more severe). Hot paths
 * ask before they build a line — a template string and an object per message — that would be
 * thrown away. Nest's static `Logger.isLevelEnabled` cannot answer this: once the logger is an
 * instance (`Logger.overrideLogger(new TraceLogger(…))`) it no longer knows the levels.
 */
export function isLogged(level: LogLevel): boolean {
  return written.has(level);
}

/** Called by the process's `TraceLogger` when it is made or its levels change; tests may call it too. */
export function setWrittenLevels(levels: readonly LogLevel[]): void {
  written = new Set(levels);
}
