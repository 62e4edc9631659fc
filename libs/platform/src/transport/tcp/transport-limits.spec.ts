import { PassThrough } from 'node:stream';
import { Socket } from 'node:net';
import { CorkedJsonSocket } from './corked-json-socket';
import { BufferBudget, LimitBreaches, TcpLimits } from './transport-limits';

const LIMITS: TcpLimits = {
  maxConnections: 10,
  maxConnectionBufferBytes: 1000,
  maxTotalBufferedBytes: 1500,
  maxFrameBytes: 800,
  idleTimeoutMs: 60_000,
  incompleteFrameTimeoutMs: 60_000,
};

/** A stand-in for an accepted socket: data is pushed in by the test, destroy() is observed. */
function fakeSocket(): Socket & { destroyed: boolean } {
  const stream = new PassThrough() as unknown as Socket & { destroyed: boolean; cork(): void; uncork(): void };
  return stream;
}

describe('the transport limits of a TCP listener', () => {
  let breaches: LimitBreaches;
  let budget: BufferBudget;
  const accept = () => {
    const raw = fakeSocket();
    const json = new CorkedJsonSocket(raw, { limits: LIMITS, budget, breaches });
    return { raw, json };
  };

  beforeEach(() => {
    breaches = new LimitBreaches(60_000);
    budget = new BufferBudget(LIMITS.maxTotalBufferedBytes);
  });
  afterEach(() => breaches.close());

  it('counts what unfinished frames hold across connections, and gives it back when a frame completes', () => {
    const { raw } = accept();
    raw.emit('data', Buffer.from(`10#12345`));
    expect(budget.inUse).toBe(5);
    raw.emit('data', Buffer.from(`67890`));
    expect(budget.inUse).toBe(0);
    expect(breaches.total()).toBe(0);
  });

  it('closes the connection that takes the listener over its total budget, and counts it', () => {
    const first = accept();
    const second = accept();
    first.raw.emit('data', Buffer.from(`800#${'a'.repeat(250)}`));
    first.raw.emit('data', Buffer.from('a'.repeat(500)));
    expect(first.raw.destroyed).toBe(false);
    second.raw.emit('data', Buffer.from(`800#${'b'.repeat(799)}`));
    expect(second.raw.destroyed).toBe(true);
    expect(breaches.snapshot()).toEqual({ 'total-buffer': 1 });
    expect(budget.inUse).toBe(750);
  });

  it('closes a connection that announces a frame larger than allowed before buffering it', () => {
    const { raw } = accept();
    raw.emit('data', Buffer.from('5000#{'));
    expect(raw.destroyed).toBe(true);
    expect(breaches.snapshot()).toEqual({ 'frame-too-large': 1 });
    expect(budget.inUse).toBe(0);
  });

  it('closes a connection over its own buffer limit, and a connection that is not framed, each counted', () => {
    const big = accept();
    big.raw.emit('data', Buffer.from(`x`.repeat(1001)));
    const garbage = accept();
    garbage.raw.emit('data', Buffer.from('nope#{}'));
    expect(big.raw.destroyed && garbage.raw.destroyed).toBe(true);
    expect(breaches.snapshot()).toEqual({ 'connection-buffer': 1, 'bad-framing': 1 });
  });

  it('gives a closed connection its share of the budget back', () => {
    const { raw } = accept();
    raw.emit('data', Buffer.from(`700#${'a'.repeat(300)}`));
    expect(budget.inUse).toBe(300);
    raw.destroy();
    raw.emit('close');
    expect(budget.inUse).toBe(0);
  });
});
