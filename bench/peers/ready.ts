/** Announces readiness to the parent bench process, which waits for this line. */
export function announceReady(info: object): void {
  process.stdout.write(`READY ${JSON.stringify(info)}\n`);
}

/** Closes the app on SIGTERM so the parent sees a clean exit. */
export function closeOnSigterm(close: () => Promise<unknown>): void {
  process.once('SIGTERM', () => {
    void close().finally(() => process.exit(0));
  });
}
