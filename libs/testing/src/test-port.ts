/**
 * A loopback port for a test server: the spec's own number, moved by `TEST_PORT_OFFSET` so two
 * checkouts (or a bench and a test run) can run side by side on one machine.
 */
export function testPort(base: number): number {
  const offset = Number(process.env.TEST_PORT_OFFSET ?? 0);
  if (!Number.isInteger(offset) || offset < 0 || base + offset > 32767) {
    throw new Error(`TEST_PORT_OFFSET must keep test ports below 32768 (got "${process.env.TEST_PORT_OFFSET}")`);
  }
  return base + offset;
}
