import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { MessageContext } from '../context/message-context';
import { isLogRecord } from './log-record';
import { LOG_OUTPUT } from './log-output';
import { LogSettings } from './log-settings';
import { setWrittenLevels } from './written-levels';

type JsonOptions = Parameters<ConsoleLogger['getJsonLogObject']>[1];
type JsonLogObject = ReturnType<ConsoleLogger['getJsonLogObject']>;

/**
 * Nest's console logger with the process name, and the trace ID and module of the work in
 * progress, on every line. Text (coloured only on a terminal) or one JSON object per line. The
 * lines are Nest's own; they are written in batches (`LogOutput`), and the timestamp, which shows
 * whole seconds, is formatted once a second.
 */
export class TraceLogger extends ConsoleLogger {
  private stampedSecond = -1;
  private stamp = '';

  constructor(
    private readonly processName: string,
    settings: LogSettings = { format: 'text', levels: ['fatal', 'error', 'warn', 'log'], colors: false },
  ) {
    super({ logLevels: settings.levels, prefix: `archipelago:${processName}`, json: settings.format === 'json', colors: settings.colors });
    setWrittenLevels(settings.levels);
  }

  override setLogLevels(levels: LogLevel[]): void {
    super.setLogLevels(levels);
    setWrittenLevels(levels);
  }

  /** The same lines Nest writes, handed to the batched output. */
  protected override printMessages(
    messages: unknown[],
    context = '',
    logLevel: LogLevel = 'log',
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    for (const message of messages) {
      const line = this.options.json
        ? `${this.stringifyJsonLogObject(this.getJsonLogObject(message, { context, logLevel, writeStreamType, errorStack }))}\n`
        : this.formatMessage(
            logLevel,
            message,
            this.formatPid(process.pid),
            logLevel.toUpperCase().padStart(7, ' '),
            this.formatContext(context),
            this.updateAndGetTimestampDiff(),
          );
      LOG_OUTPUT.write(line, writeStreamType === 'stderr');
    }
  }

  protected override printStackTrace(stack: string): void {
    if (stack && !this.options.json) LOG_OUTPUT.write(`${stack}\n`, true);
  }

  /** Nest's `Intl` format shows whole seconds: formatting it once a second gives the same text. */
  protected override getTimestamp(): string {
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.stampedSecond) {
      this.stampedSecond = second;
      this.stamp = super.getTimestamp();
    }
    return this.stamp;
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
