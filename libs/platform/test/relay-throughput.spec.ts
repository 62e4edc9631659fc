import { HostedDatabases } from '../src';
import { OutboxMessage } from '../src/events/outbox-message.entity';
import { NoteContract } from './fixtures/note.fixture';
import { KernelSystem } from './kernel-system';

/**
 * A measurement, not a check (no timing assertions): MEASURE=1 runs it. Writes notes at
 * concurrency 16 for a few seconds (each write: a transaction with an outbox row, and the
 * command stamp in another), then reports the write rate, the delivery rate to the fake audit
 * module, and how long the outbox takes to drain after the load stops.
 */
(process.env.MEASURE === '1' ? describe : describe.skip)('relay throughput (MEASURE=1)', () => {
  const system = new KernelSystem('in-process', 0);
  beforeAll(() => system.start(), 60_000);
  afterAll(() => system.stop());

  it('keeps up with the writes', async () => {
    const seconds = Number(process.env.MEASURE_SECONDS ?? 5);
    const hosted = system.app.get(HostedDatabases);
    const undelivered = async () => {
      let total = 0;
      for (const module of hosted.all())
        total += await module.database.read((manager) =>
          manager.createQueryBuilder(OutboxMessage, 'o').where('o.deliveredAt IS NULL').getCount(),
        );
      return total;
    };
    const before = (await system.seenEvents()).length;
    const end = Date.now() + seconds * 1000;
    let writes = 0;
    let maxBacklog = 0;
    const sampler = setInterval(() => void undelivered().then((n) => (maxBacklog = Math.max(maxBacklog, n))), 200);
    await Promise.all(
      Array.from({ length: 16 }, async (_, worker) => {
        for (let i = 0; Date.now() < end; i++) {
          await system.bus('gateway').call(NoteContract.write, { text: `w${worker}-${i}` });
          writes++;
        }
      }),
    );
    clearInterval(sampler);
    const stopped = Date.now();
    const atStop = await undelivered();
    while ((await undelivered()) > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const drainMs = Date.now() - stopped;
    const delivered = (await system.seenEvents()).length - before;
    console.log(
      `writes ${writes} in ${seconds}s = ${(writes / seconds).toFixed(0)}/s; events delivered ${delivered} ` +
        `(${(delivered / ((Date.now() - end + seconds * 1000) / 1000)).toFixed(0)}/s); backlog max ${maxBacklog}, at stop ${atStop}; drained ${drainMs} ms after the load stopped`,
    );
  }, 120_000);
});
