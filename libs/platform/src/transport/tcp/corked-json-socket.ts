import { JsonSocket } from '@nestjs/microservices';
import { Socket } from 'node:net';
import { BufferBudget, LimitBreach, LimitBreaches, TcpLimits } from './transport-limits';

/** Largest message a TCP peer may send us before the socket is dropped when no limits are configured (see JsonSocket). */
export const TCP_MAX_BUFFER_BYTES = 1024 * 1024;

/** What an accepting socket checks besides Nest's own per-socket limits. */
export interface SocketGuard {
  limits: TcpLimits;
  budget: BufferBudget;
  breaches: LimitBreaches;
}

const BREACH_OF: Record<string, LimitBreach> = {
  MaxPacketLengthExceededException: 'connection-buffer',
  IncompleteMessageTimeoutException: 'incomplete-frame',
  MaxSendBufferSizeExceededException: 'send-buffer',
};

/** Nest's JsonSocket keeps these private; read (never written) to know what one connection holds. */
interface FramingState {
  buffer: string;
  contentLength: number | null;
}

/**
 * Nest's `len#json` framing, with the messages written in one turn of the event loop sent
 * together: the socket is corked at the first write and uncorked on the next tick, so sixteen
 * concurrent calls (or their answers) cost one `writev` instead of sixteen writes.
 *
 * On a listener it also enforces the transport limits (ADR 0021): the frame a peer announces, the
 * listener's total budget for unfinished frames, and closes (counted) a connection that breaks one.
 */
export class CorkedJsonSocket extends JsonSocket {
  private corked = false;
  private held = 0;
  private closed = false;

  constructor(
    socket: Socket,
    private readonly guard?: SocketGuard,
  ) {
    super(
      socket,
      guard
        ? { maxBufferSize: guard.limits.maxConnectionBufferBytes, incompleteMessageTimeout: guard.limits.incompleteFrameTimeoutMs }
        : { maxBufferSize: TCP_MAX_BUFFER_BYTES },
    );
    if (guard) socket.once('close', () => this.release());
  }

  protected override handleSend(message: unknown, callback?: (error?: unknown) => void): void {
    if (!this.corked) {
      this.corked = true;
      this.netSocket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.netSocket.uncork();
      });
    }
    super.handleSend(message, callback);
  }

  protected override handleData(data: Buffer | string): void {
    try {
      super.handleData(data);
    } finally {
      if (this.guard && !this.closed) this.checkLimits(this.guard);
    }
  }

  private checkLimits({ limits, budget }: SocketGuard): void {
    const state = this as unknown as FramingState;
    if (state.contentLength !== null && state.contentLength > limits.maxFrameBytes) return this.breach('frame-too-large');
    const held = state.buffer.length;
    const withinBudget = budget.adjust(this.held, held);
    this.held = held;
    if (!withinBudget) this.breach('total-buffer');
  }

  /** Closes the connection at once (a hostile peer is not trusted to answer a FIN) and counts why. */
  breach(rule: LimitBreach): void {
    if (this.closed) return;
    this.closed = true;
    this.guard?.breaches.record(rule);
    this.release();
    this.netSocket.destroy();
  }

  protected override handleDataError(error: unknown, options?: { destroy?: boolean }): void {
    if (!this.guard) return super.handleDataError(error, options);
    const name = (error as { constructor?: { name?: string } } | undefined)?.constructor?.name ?? '';
    this.breach(BREACH_OF[name] ?? 'bad-framing');
  }

  private release(): void {
    if (!this.guard || this.held === 0) return;
    this.guard.budget.adjust(this.held, 0);
    this.held = 0;
  }
}
