import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { MessageContext } from '../context/message-context';

/** Nest's console logger with the process name and the current trace ID on every line. */
export class TraceLogger extends ConsoleLogger {
  constructor(
    private readonly processName: string,
    logLevels?: LogLevel[],
  ) {
    super({ logLevels, prefix: `archipelago:${processName}` });
  }

  protected override formatContext(context: string): string {
    const current = MessageContext.current();
    const trace = current ? ` trace=${current.trace.traceId}` : '';
    return `${super.formatContext(context).trimEnd()}${trace} `;
  }
}
