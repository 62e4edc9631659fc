import { Logger } from '@nestjs/common';

/** What a TCP listener allows one peer and all peers together (ADR 0021). */
export interface TcpLimits {
  /** Connections open at once on one listener; further ones are dropped as they arrive. */
  maxConnections: number;
  /** Characters (≈ bytes) one connection may hold in an unfinished frame. */
  maxConnectionBufferBytes: number;
  /** Characters held in unfinished frames across all connections of the listener. */
  maxTotalBufferedBytes: number;
  /** The largest frame a peer may announce in its `len#` header. */
  maxFrameBytes: number;
  /** A connection with no traffic at all for this long is closed. */
  idleTimeoutMs: number;
  /** A frame begun but not finished within this long (since the last byte) closes the connection. */
  incompleteFrameTimeoutMs: number;
}

export type LimitBreach =
  | 'too-many-connections'
  | 'connection-buffer'
  | 'total-buffer'
  | 'frame-too-large'
  | 'idle'
  | 'incomplete-frame'
  | 'send-buffer'
  | 'bad-framing';

/**
 * Counts the connections a listener closed for breaking a limit, by rule, and logs them at most
 * once per interval (the first breach at once, the ones after it summed at the end of the interval).
 */
export class LimitBreaches {
  private readonly logger = new Logger('TcpLimits');
  private readonly counts = new Map<LimitBreach, number>();
  private timer?: NodeJS.Timeout;
  private lastLogAt = 0;
  private unlogged = 0;

  constructor(private readonly logIntervalMs = 10_000) {}

  record(breach: LimitBreach): void {
    this.counts.set(breach, (this.counts.get(breach) ?? 0) + 1);
    this.unlogged++;
    const wait = this.lastLogAt + this.logIntervalMs - Date.now();
    if (wait <= 0) this.log();
    else this.timer ??= setTimeout(() => this.log(), wait).unref();
  }

  /** Connections closed so far, by rule. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  private log(): void {
    this.timer = undefined;
    if (this.unlogged === 0) return;
    this.lastLogAt = Date.now();
    this.unlogged = 0;
    const byRule = [...this.counts].map(([rule, count]) => `${rule}=${count}`).join(' ');
    this.logger.warn(`connections closed for breaking a transport limit: total=${this.total()} ${byRule}`);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.log();
  }
}

/** Characters held in unfinished frames across the connections of one listener. */
export class BufferBudget {
  private used = 0;

  constructor(readonly max: number) {}

  get inUse(): number {
    return this.used;
  }

  /** Moves this connection's share from `before` to `after`; false when the listener is now over budget. */
  adjust(before: number, after: number): boolean {
    this.used += after - before;
    return this.used <= this.max;
  }
}
