/**
 * Runs async work one piece at a time. SQLite has one writer and the sqlite3 driver one
 * connection, so two interleaved transactions on it would fail; queueing them keeps both.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
