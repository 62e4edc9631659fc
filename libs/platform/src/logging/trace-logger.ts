import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { MessageContext } from '../context/message-context';
import { isLogRecord } from './log-record';
import { LogSettings } from './log-settings';

type JsonOptions = Parameters<ConsoleLogger['getJsonLogObject']>[1];
type JsonLogObject = ReturnType<ConsoleLogger['getJsonLogObject']>;

/**
 * Nest's console logger with the process name, and the trace ID and module of the work in
 * progress, on every line. Text (coloured only on a terminal) or one JSON object per line.
 */
export class TraceLogger extends ConsoleLogger {
  constructor(
    private readonly processName: string,
    settings: LogSettings = { format: 'text', levels: ['fatal', 'error', 'warn', 'log'], colors: false },
  ) {
    super({ logLevels: settings.levels, prefix: `archipelago:${processName}`, json: settings.format === 'json', colors: settings.colors });
  }

  protected override formatContext(context: string): string {
    const current = MessageContext.current();
    const trace = current ? ` trace=${current.trace.traceId}` : '';
    return `${super.formatContext(context).trimEnd()}${trace} `;
  }

  protected override stringifyMessage(message: unknown, logLevel: LogLevel): string {
    return super.stringifyMessage(isLogRecord(message) ? message.msg : message, logLevel) as string;
  }

  protected override getJsonLogObject(message: unknown, options: JsonOptions): JsonLogObject {
    const current = MessageContext.current();
    const base = super.getJsonLogObject(isLogRecord(message) ? message.msg : message, options);
    const line: JsonLogObject & Record<string, unknown> = {
      ...base,
      process: this.processName,
      ...(current ? { traceId: current.trace.traceId, module: current.module } : {}),
      ...(isLogRecord(message) ? message.fields : {}),
    };
    return line;
  }
}
