import { Logger } from '@nestjs/common';
import { connect, ConnectionOptions, Events, Msg, NatsConnection } from 'nats';
import { BusChannel } from '../bus-channel';
import { backoffDelayMs } from '../../events/backoff';
import { NatsReplyInbox, ReplyTimeoutError } from './nats-reply-inbox';

/** How long one attempt to reach the broker may take before it counts as failed. */
const CONNECT_TIMEOUT_MS = 2000;
/** Waits between attempts grow from ~100 ms to 2 s; the broker is retried for as long as the process runs. */
const RETRY_BASE_MS = 100;
const RETRY_CAP_MS = 2000;
/** A broker that stops answering pings (frozen, or a silent network) is given up on after two intervals. */
const PING_INTERVAL_MS = 5000;
/** On close, how long replies still buffered may take to leave. */
const FLUSH_ON_CLOSE_MS = 1000;

/** The bus cannot be reached right now; a call fails at once instead of waiting for its deadline. */
export class BusUnreachableError extends Error {
  override name = 'BusUnreachableError';
}

type State = 'connecting' | 'up' | 'down' | 'closed';

/**
 * This process's one connection to one bus, shared by its clients and its call server; its
 * requests share one reply subscription (`NatsReplyInbox`). It dials at once and again, with a
 * bounded backoff, whenever the broker goes away. While the bus is away every request fails at
 * once — the ones waiting for a reply too, since the reply can no longer come — instead of hanging
 * until its deadline; the first requests of a process still connecting wait for that first
 * connection.
 */
export class NatsBusConnection implements BusChannel {
  private readonly logger: Logger;
  private readonly firstConnection: Promise<NatsConnection>;
  /** Requests made before the first connection, waiting for it; failed if dialling fails first. */
  private readonly waitingForBroker = new Set<(error: Error) => void>();
  private connected!: (connection: NatsConnection) => void;
  private connection?: NatsConnection;
  private replies?: NatsReplyInbox;
  private state: State = 'connecting';
  private attempts = 0;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    readonly bus: string,
    private readonly servers: string[],
    private readonly clientName: string,
  ) {
    this.logger = new Logger(`NatsBus ${bus}`);
    this.firstConnection = new Promise((resolve) => (this.connected = resolve));
    void this.dial();
  }

  /** Resolves once the broker has accepted this process, however long that takes. */
  ready(): Promise<NatsConnection> {
    return this.firstConnection;
  }

  /**
   * A request to whichever subscriber of `subject` the broker picks: the reply's bytes, or a
   * `BusUnreachableError` or one of `NatsReplyInbox`'s errors.
   */
  request(subject: string, data: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    if (this.state === 'up') return this.replies!.request(subject, data, timeoutMs);
    if (this.state === 'connecting') return this.afterFirstConnection(subject, data, timeoutMs);
    return Promise.reject(this.unreachable());
  }

  /** A message for every subscriber of `subject`; dropped while the bus is away (nats.js would buffer it). */
  publish(subject: string, data: Uint8Array): void {
    if (this.state !== 'up') return;
    try {
      this.connection!.publish(subject, data);
    } catch (error) {
      this.logger.warn(`publish on ${subject} lost: ${(error as Error).message}`);
    }
  }

  /** Every message on `subject`, no queue group; nats.js renews the subscription after each reconnect. */
  async subscribe(subject: string, onMessage: (data: Uint8Array) => void): Promise<() => void> {
    const connection = await this.firstConnection;
    const callback = (error: Error | null, message: Msg) => {
      if (error) return this.logger.warn(`subscription to ${subject}: ${error.message}`);
      try {
        onMessage(message.data);
      } catch (thrown) {
        this.logger.error(`a message on ${subject} could not be handled: ${(thrown as Error).message}`);
      }
    };
    const subscription = connection.subscribe(subject, { callback });
    await connection.flush();
    return () => subscription.unsubscribe();
  }

  async close(): Promise<void> {
    const wasUp = this.state === 'up';
    this.state = 'closed';
    clearTimeout(this.retryTimer);
    const connection = this.connection;
    if (connection && !connection.isClosed()) {
      if (wasUp) await Promise.race([connection.flush().catch(() => undefined), delay(FLUSH_ON_CLOSE_MS)]);
      await connection.close();
    }
    this.failWaiting(new BusUnreachableError(`bus "${this.bus}" was closed`));
  }

  /** The first requests of a process still dialling wait for its connection, within their own time. */
  private afterFirstConnection(subject: string, data: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    const startedAt = Date.now();
    const connected = new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        this.waitingForBroker.delete(fail);
        clearTimeout(timer);
        reject(error);
      };
      const timer = setTimeout(() => fail(new ReplyTimeoutError(`no connection within ${timeoutMs} ms`)), timeoutMs);
      this.waitingForBroker.add(fail);
      void this.firstConnection.then(() => {
        if (this.waitingForBroker.delete(fail)) resolve();
        clearTimeout(timer);
      });
    });
    return connected.then(() => this.request(subject, data, Math.max(1, timeoutMs - (Date.now() - startedAt))));
  }

  private options(): ConnectionOptions {
    return {
      servers: this.servers,
      name: this.clientName,
      timeout: CONNECT_TIMEOUT_MS,
      maxReconnectAttempts: -1,
      reconnectDelayHandler: () => this.nextDelayMs(),
      pingInterval: PING_INTERVAL_MS,
      maxPingOut: 2,
      noAsyncTraces: true,
    };
  }

  private async dial(): Promise<void> {
    try {
      const connection = await connect(this.options());
      if (this.state === 'closed') return void (await connection.close());
      this.connection = connection;
      this.replies = new NatsReplyInbox(connection);
      this.becameUp();
      this.connected(connection);
      void this.watch(connection);
    } catch (error) {
      if (this.state === 'closed') return;
      this.wentDown(`cannot connect to ${this.servers.join(', ')} (${(error as Error).message})`);
      this.retryTimer = setTimeout(() => void this.dial(), this.nextDelayMs());
    }
  }

  /** Follows the connection: nats.js reconnects by itself; we only keep our state and fail the waiting. */
  private async watch(connection: NatsConnection): Promise<void> {
    void connection.closed().then(() => {
      if (this.state === 'closed') return;
      this.wentDown('the connection closed');
      this.retryTimer = setTimeout(() => void this.dial(), this.nextDelayMs());
    });
    for await (const status of connection.status()) {
      if (status.type === Events.Disconnect)
        this.wentDown(`disconnected from ${typeof status.data === 'string' ? status.data : 'the broker'}`);
      else if (status.type === Events.Reconnect) this.becameUp();
    }
  }

  private becameUp(): void {
    if (this.state === 'down') this.logger.log(`bus "${this.bus}" is back (${this.servers.join(', ')})`);
    this.state = 'up';
    this.attempts = 0;
  }

  private wentDown(reason: string): void {
    if (this.state === 'closed') return;
    if (this.state !== 'down') this.logger.warn(`bus "${this.bus}" unreachable: ${reason}; retrying`);
    this.state = 'down';
    this.failWaiting(this.unreachable());
  }

  /** Every request waiting for the broker or for a reply: neither can come now. */
  private failWaiting(error: Error): void {
    for (const fail of [...this.waitingForBroker]) fail(error);
    this.replies?.failAll(error);
  }

  private nextDelayMs(): number {
    return backoffDelayMs(++this.attempts, RETRY_BASE_MS, RETRY_CAP_MS);
  }

  private unreachable(): BusUnreachableError {
    return new BusUnreachableError(`bus "${this.bus}" is unreachable (${this.servers.join(', ')})`);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
