import { createInbox, Msg, NatsConnection } from 'nats';

/** At most this many requests of one connection wait for their replies; one more fails at once. */
export const MAX_WAITING_REPLIES = 10_000;

/** The broker found no subscriber for the subject: nobody will answer, so the caller need not wait. */
export class NoRespondersError extends Error {
  override name = 'NoRespondersError';
}

/** No reply came within the request's time (for a call, its envelope's deadline). */
export class ReplyTimeoutError extends Error {
  override name = 'ReplyTimeoutError';
}

/** The connection already has `MAX_WAITING_REPLIES` requests in flight. */
export class TooManyWaitingError extends Error {
  override name = 'TooManyWaitingError';
}

interface Waiting {
  resolve: (data: Uint8Array) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Request/reply multiplexed on one subscription. The connection subscribes once to the wildcard
 * inbox `_INBOX.<unique>.*`; each request is published with its own reply subject
 * `_INBOX.<unique>.<token>` and waits in a map under that token until its reply, its timeout or
 * `failAll` — whichever comes first removes it, and later ones find nothing. With headers on, the
 * broker answers a subject nobody subscribes to with an empty status message, code 503, on the
 * reply subject: that is "no responders". Nest's `ClientNats` instead subscribes and unsubscribes
 * an inbox per request; `nats.js`'s own `request()` multiplexes too, but builds an error (with its
 * stack) for every request that succeeded.
 */
export class NatsReplyInbox {
  private readonly prefix = `${createInbox()}.`;
  private readonly waiting = new Map<string, Waiting>();
  private lastToken = 0;

  constructor(
    private readonly connection: Pick<NatsConnection, 'subscribe' | 'publish'>,
    private readonly maxWaiting = MAX_WAITING_REPLIES,
  ) {
    const callback = (error: Error | null, message: Msg) => (error ? this.failAll(error) : this.settle(message));
    connection.subscribe(`${this.prefix}*`, { callback });
  }

  /** The reply's bytes; a `NoRespondersError`, `ReplyTimeoutError`, `TooManyWaitingError`, or what publishing threw. */
  request(subject: string, data: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    if (this.waiting.size >= this.maxWaiting) {
      return Promise.reject(new TooManyWaitingError(`${this.maxWaiting} requests already wait for replies`));
    }
    const token = (++this.lastToken).toString(36);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.take(token)?.reject(new ReplyTimeoutError(`no reply within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(token, { resolve, reject, timer });
      try {
        this.connection.publish(subject, data, { reply: this.prefix + token });
      } catch (error) {
        this.take(token)?.reject(error as Error);
      }
    });
  }

  /** Fails every request still waiting (the connection went away: their replies cannot come). */
  failAll(error: Error): void {
    for (const token of [...this.waiting.keys()]) this.take(token)?.reject(error);
  }

  get waitingCount(): number {
    return this.waiting.size;
  }

  private settle(message: Msg): void {
    const waiting = this.take(message.subject.slice(this.prefix.length));
    if (!waiting) return;
    if (message.data.length === 0 && message.headers?.code === 503) waiting.reject(new NoRespondersError('no responders'));
    else waiting.resolve(message.data);
  }

  /** Removes a waiting request and stops its timer; undefined when it was already settled. */
  private take(token: string): Waiting | undefined {
    const waiting = this.waiting.get(token);
    if (!waiting) return undefined;
    this.waiting.delete(token);
    clearTimeout(waiting.timer);
    return waiting;
  }
}
