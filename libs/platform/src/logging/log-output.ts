/** Text waiting for stdout is written at once when it grows past this, without waiting for the turn to end. */
const MAX_PENDING_CHARS = 64 * 1024;

type Writable = Pick<NodeJS.WritableStream, 'write'>;

/**
 * Where the log's lines go: stdout in batches, stderr at once. Writing to a pipe or a file is a
 * synchronous system call in Node, and with a line per request and per handled message it took
 * 13 % of a monolith's CPU under load (`npm run bench:profile`). So the lines of one turn of the
 * event loop are joined and written once, when the turn ends (`setImmediate`), when 64 KB are
 * waiting, before anything goes to stderr (the two streams keep their relative order) and when
 * the process exits. Nothing but a `kill -9` can lose a line, and then only the current turn's.
 */
export class LogOutput {
  private pending = '';
  private scheduled = false;
  private exitHooked = false;
  private readonly flushNow = (): void => this.flush();

  constructor(
    private readonly stdout: Writable,
    private readonly stderr: Writable,
  ) {}

  write(text: string, toStderr = false): void {
    if (toStderr) {
      this.flush();
      this.stderr.write(text);
      return;
    }
    this.pending += text;
    if (this.pending.length >= MAX_PENDING_CHARS) return this.flush();
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flushNow);
    if (!this.exitHooked) {
      this.exitHooked = true;
      process.once('exit', this.flushNow);
    }
  }

  /** Writes what is waiting, now. */
  flush(): void {
    this.scheduled = false;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.stdout.write(text);
  }
}

/** This process's one log output: every `TraceLogger` writes through it. */
export const LOG_OUTPUT = new LogOutput(process.stdout, process.stderr);
