import { headers, Msg, MsgHdrs, NatsError, SubscriptionOptions } from 'nats';
import { NatsReplyInbox, NoRespondersError, ReplyTimeoutError, TooManyWaitingError } from './nats-reply-inbox';

type Callback = NonNullable<SubscriptionOptions['callback']>;

/** Stands in for a connection: records the one subscription and every publish, and delivers replies by hand. */
class FakeConnection {
  subscribed: string[] = [];
  published: { subject: string; reply: string }[] = [];
  publishError?: Error;
  private callback?: Callback;

  subscribe(subject: string, options: SubscriptionOptions) {
    this.subscribed.push(subject);
    this.callback = options.callback;
    return {} as never;
  }

  publish(subject: string, _data: Uint8Array, options: { reply: string }): void {
    if (this.publishError) throw this.publishError;
    this.published.push({ subject, reply: options.reply });
  }

  deliver(subject: string, data: string, messageHeaders?: MsgHdrs): void {
    this.callback!(null, { subject, data: Buffer.from(data), headers: messageHeaders } as unknown as Msg);
  }

  breakSubscription(error: Error): void {
    this.callback!(error as NatsError, {} as Msg);
  }
}

/** What the broker sends on the reply subject when no subscriber took the request (headers on). */
const noRespondersStatus = (): MsgHdrs => headers(503, 'No Responders');

const text = (data: Uint8Array) => Buffer.from(data).toString('utf8');

describe('NatsReplyInbox: request/reply on one wildcard subscription', () => {
  let connection: FakeConnection;
  let inbox: NatsReplyInbox;

  beforeEach(() => {
    connection = new FakeConnection();
    inbox = new NatsReplyInbox(connection, 3);
  });

  it('subscribes once to a wildcard inbox and gives each request its own reply subject under it', async () => {
    const waiting = [inbox.request('a', Buffer.from('1'), 1000), inbox.request('b', Buffer.from('2'), 1000)];
    expect(connection.subscribed).toHaveLength(1);
    const [wildcard] = connection.subscribed;
    expect(wildcard).toMatch(/^_INBOX\.[^.]+\.\*$/);
    const replies = connection.published.map((publish) => publish.reply);
    expect(new Set(replies).size).toBe(2);
    for (const reply of replies) expect(reply.startsWith(wildcard.slice(0, -1))).toBe(true);
    inbox.failAll(new Error('end of test'));
    await Promise.allSettled(waiting);
  });

  it('resolves each request with the reply sent to its own subject, in any order, and forgets it', async () => {
    const first = inbox.request('a', Buffer.from('1'), 1000);
    const second = inbox.request('b', Buffer.from('2'), 1000);
    connection.deliver(connection.published[1].reply, 'to b');
    connection.deliver(connection.published[0].reply, 'to a');
    expect(text(await first)).toBe('to a');
    expect(text(await second)).toBe('to b');
    expect(inbox.waitingCount).toBe(0);
  });

  it("turns the broker's empty 503 status message into NoRespondersError", async () => {
    const request = inbox.request('nobody', Buffer.from('1'), 1000);
    connection.deliver(connection.published[0].reply, '', noRespondersStatus());
    await expect(request).rejects.toBeInstanceOf(NoRespondersError);
    expect(inbox.waitingCount).toBe(0);
  });

  it('fails a request with no reply at its timeout, and ignores the reply that comes later', async () => {
    const startedAt = Date.now();
    const request = inbox.request('slow', Buffer.from('1'), 50);
    await expect(request).rejects.toBeInstanceOf(ReplyTimeoutError);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(45);
    expect(inbox.waitingCount).toBe(0);
    expect(() => connection.deliver(connection.published[0].reply, 'late')).not.toThrow();
  });

  it('fails a request whose publish throws, and keeps nothing of it', async () => {
    connection.publishError = new Error('payload too large');
    await expect(inbox.request('a', Buffer.from('1'), 1000)).rejects.toThrow('payload too large');
    expect(inbox.waitingCount).toBe(0);
  });

  it('fails every waiting request at once on failAll, or when the subscription breaks', async () => {
    const waiting = [inbox.request('a', Buffer.from('1'), 5000), inbox.request('b', Buffer.from('2'), 5000)];
    inbox.failAll(new Error('connection lost'));
    for (const request of waiting) await expect(request).rejects.toThrow('connection lost');
    const another = inbox.request('c', Buffer.from('3'), 5000);
    connection.breakSubscription(new Error('permissions violation'));
    await expect(another).rejects.toThrow('permissions violation');
    expect(inbox.waitingCount).toBe(0);
  });

  it('refuses a request beyond its bound at once, and takes one again after a reply', async () => {
    const waiting = [1, 2, 3].map((n) => inbox.request('a', Buffer.from(String(n)), 5000));
    await expect(inbox.request('a', Buffer.from('4'), 5000)).rejects.toBeInstanceOf(TooManyWaitingError);
    expect(connection.published).toHaveLength(3);
    connection.deliver(connection.published[0].reply, 'done');
    await waiting[0];
    const fourth = inbox.request('a', Buffer.from('4'), 5000);
    connection.deliver(connection.published[3].reply, 'fourth');
    expect(text(await fourth)).toBe('fourth');
    inbox.failAll(new Error('end of test'));
    await Promise.allSettled(waiting);
  });
});
