import { LogLevel } from '@nestjs/common';
import { ConfigurationError } from '../config/configuration.error';

/** How a process writes its log: `LOG_FORMAT` and `LOG_LEVEL`, checked at start. */
export interface LogSettings {
  format: 'text' | 'json';
  /** The levels written: `LOG_LEVEL` and every level more severe than it. */
  levels: LogLevel[];
  /** Colour codes only for text on a terminal, and never with `NO_COLOR`. */
  colors: boolean;
}

/** From most to least severe; `LOG_LEVEL=log` writes fatal, error, warn and log. */
const SEVERITY: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const FORMATS = ['text', 'json'] as const;

export function readLogSettings(env: NodeJS.ProcessEnv, stdoutIsTty = Boolean(process.stdout.isTTY)): LogSettings {
  const problems: string[] = [];
  const format = (env.LOG_FORMAT || 'text') as LogSettings['format'];
  if (!FORMATS.includes(format)) problems.push(`LOG_FORMAT must be one of ${FORMATS.join(', ')} (got "${env.LOG_FORMAT}")`);
  const level = (env.LOG_LEVEL || 'log') as LogLevel;
  if (!SEVERITY.includes(level)) problems.push(`LOG_LEVEL must be one of ${SEVERITY.join(', ')} (got "${env.LOG_LEVEL}")`);
  if (problems.length > 0) throw new ConfigurationError('environment', problems);
  return {
    format,
    levels: SEVERITY.slice(0, SEVERITY.indexOf(level) + 1),
    colors: format === 'text' && stdoutIsTty && !env.NO_COLOR,
  };
}
