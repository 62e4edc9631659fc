/**
 * A bus's broadcast side, beside its calls: every subscriber of a subject gets every message on
 * it, and nobody answers. The registry's beats travel this way (ADR 0029); calls never do.
 */
export interface BusChannel {
  /** Sends at once, or drops the message while the bus is away: a broadcast is never queued to arrive stale. */
  publish(subject: string, data: Uint8Array): void;
  /** Resolves once the broker has the subscription (after the first connection), with the function that ends it. */
  subscribe(subject: string, onMessage: (data: Uint8Array) => void): Promise<() => void>;
}
