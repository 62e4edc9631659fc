import { TraceSpan } from '@app/contracts';
import { testPort } from '@app/testing';
import { MessageContext, newTrace, Tracing } from '../src';
import { eventuallyTrue } from './eventually-true';
import { NoteContract } from './fixtures/note.fixture';
import { KernelMode, KernelSystem } from './kernel-system';

const asGateway = () => ({ trace: newTrace(), actor: { kind: 'user' as const, id: 'u-1', roles: [] }, module: 'gateway' });

describe.each<[string, KernelMode, number]>([
  ['in one process', 'in-process', 0],
  ['over TCP', 'tcp', 22940],
])('spans of one call, with modules joined %s', (_, mode, portBase) => {
  const system = new KernelSystem(mode, portBase && testPort(portBase));
  const spansOf = (traceId: string): TraceSpan[] => system.allApps.flatMap((app) => app.get(Tracing).spansOf(traceId));
  const one = (spans: TraceSpan[], name: string): TraceSpan => {
    const found = spans.filter((span) => span.name === name);
    expect(found.map((span) => span.name)).toEqual([name]);
    return found[0];
  };

  beforeAll(() => system.start(), 60_000);
  afterAll(() => system.stop());

  it('parents the handler under the call, the transaction under the handler, and the event under both', async () => {
    const context = asGateway();
    await MessageContext.run(context, () => system.bus('gateway').call(NoteContract.write, { text: 'traced' }));
    const { traceId } = context.trace;
    await eventuallyTrue(() => Promise.resolve(spansOf(traceId).some((span) => span.name === 'deliver auth.note.written.v1 → audit')));
    const spans = spansOf(traceId);

    const call = one(spans, 'call auth.note.write.v1');
    const handler = one(spans, 'handle auth.note.write.v1');
    const delivery = one(spans, 'deliver auth.note.written.v1 → audit');
    // The note and its event in one transaction; the command's audit stamp in another.
    const transactions = spans.filter((span) => span.name === 'transaction auth');
    expect(transactions.map((span) => span.parentSpanId)).toEqual([handler.spanId, handler.spanId]);
    const transaction = transactions.find((span) => span.spanId === delivery.parentSpanId)!;
    const receipt = one(spans, 'receive auth.note.written.v1');
    expect(call.parentSpanId).toBe(context.trace.spanId);
    expect(handler.parentSpanId).toBe(call.spanId);
    expect(transaction.parentSpanId).toBe(handler.spanId);
    expect(delivery.parentSpanId).toBe(transaction.spanId);
    expect(receipt.parentSpanId).toBe(delivery.spanId);
    expect(handler.process).toBe(mode === 'tcp' ? 'auth' : 'main');
    expect(call).toMatchObject({
      kind: 'client',
      status: 'unset',
      attributes: { 'archipelago.caller': 'gateway', 'archipelago.outcome': 'ok' },
    });
    expect(receipt).toMatchObject({
      kind: 'consumer',
      attributes: { 'archipelago.subscriber': 'audit', 'archipelago.outcome': 'applied' },
    });
    expect(handler.startMicros).toBeGreaterThanOrEqual(call.startMicros);
    expect(handler.durationMicros).toBeLessThanOrEqual(call.durationMicros);
  });

  it('marks a refused call and its handler as errors with the error code', async () => {
    const context = asGateway();
    await expect(MessageContext.run(context, () => system.bus('gateway').call(NoteContract.write, { text: 'conflict' }))).rejects.toThrow();
    const spans = spansOf(context.trace.traceId);
    for (const name of ['call auth.note.write.v1', 'handle auth.note.write.v1']) {
      expect(one(spans, name)).toMatchObject({
        status: 'error',
        statusMessage: 'NOTE_EXISTS: that note exists',
        attributes: { 'archipelago.outcome': 'NOTE_EXISTS' },
      });
    }
  });

  it('records nothing of a trace that arrives unsampled, and passes the decision on', async () => {
    const context = { ...asGateway(), trace: { ...newTrace(), sampled: false as const } };
    await MessageContext.run(context, () => system.bus('gateway').call(NoteContract.write, { text: 'unsampled' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(spansOf(context.trace.traceId)).toEqual([]);
  });
});
