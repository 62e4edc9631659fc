import { Injectable } from '@nestjs/common';

const SWEEP_EVERY = 1000;

/**
 * Remembers message IDs until their deadline, so a captured, correctly signed message cannot be
 * sent again while it is still valid. After the deadline the guard refuses it anyway.
 */
@Injectable()
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  private insertsSinceSweep = 0;

  /** True the first time a message ID is seen before its deadline. */
  firstSighting(messageId: string, deadline: number): boolean {
    if (this.seen.has(messageId)) return false;
    this.seen.set(messageId, deadline);
    if (++this.insertsSinceSweep >= SWEEP_EVERY) this.sweep(Date.now());
    return true;
  }

  private sweep(now: number): void {
    this.insertsSinceSweep = 0;
    for (const [messageId, deadline] of this.seen) if (deadline < now) this.seen.delete(messageId);
  }
}
