import { testPort } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { uniqueEmail, traceparent } from '../support/accounts';
import { eventually } from '../support/eventually';
import { sendRawTcpPacket } from '../support/raw-tcp';
import { readSql } from '../support/sqlite-file';
import { signerOfProcessHosting } from '../support/forged-envelopes';
import { SystemUnderTest } from '../support/system-under-test';

const CONNECTIONS = 1000;
const PARTIAL_FRAME_CHARS = 64 * 1024;
const MAX_CONNECTIONS = 300;
const TOTAL_BUDGET = 8 * 1024 * 1024;
const IDLE_TIMEOUT_MS = 5000;
const REFUSAL_WINDOW_MS = 3000;
const UNSIGNED_FRAMES = 1000;
/** The stated ceiling: billing's resident memory while 1,000 peers each push 64 KB of an unfinished frame. */
const RSS_CEILING_MB = 300;
const RSS_GROWTH_CEILING_MB = 60;
const LIST_PLANS = 'billing.plans.list.v1';

const rssMb = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')![1]) / 1024;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One hostile peer: connects, sends the start of a frame it never finishes, and notes when the server closes it. */
function partialFramePeer(port: number): Promise<{ closedAfterMs: number }> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const started = Date.now();
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ closedAfterMs: Date.now() - started }));
    socket.on('data', () => undefined);
    socket.connect(port, '127.0.0.1', () => socket.write(`1000000#${'a'.repeat(PARTIAL_FRAME_CHARS)}`));
  });
}

/** Sends `frames` unsigned frames pipelined on one socket and waits for as many answers. */
function unsignedFlood(port: number, claimedCaller: string, frames: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const answers: unknown[] = [];
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`only ${answers.length} of ${frames} answers`));
    }, 30_000);
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        const hash = buffer.indexOf('#');
        if (hash < 0) return;
        const length = Number(buffer.slice(0, hash));
        if (buffer.length - hash - 1 < length) return;
        answers.push(JSON.parse(buffer.slice(hash + 1, hash + 1 + length)));
        buffer = buffer.slice(hash + 1 + length);
        if (answers.length === frames) {
          clearTimeout(timer);
          socket.end();
          resolve(answers);
        }
      }
    });
    socket.connect(port, '127.0.0.1', () => {
      const now = Date.now();
      const frameTexts: string[] = [];
      for (let i = 0; i < frames; i++) {
        const meta = {
          messageId: randomUUID(),
          pattern: LIST_PLANS,
          traceparent: traceparent().header,
          caller: claimedCaller,
          callee: 'billing',
          keys: { from: '0'.repeat(16), to: '0'.repeat(16) },
          actor: { kind: 'system' },
          issuedAt: now,
          deadline: now + 60_000,
        };
        const json = JSON.stringify({ id: `flood-${i}`, pattern: LIST_PLANS, data: { meta, payload: {}, signature: 'ab'.repeat(32) } });
        frameTexts.push(`${json.length}#${json}`);
      }
      socket.write(frameTexts.join(''));
    });
  });
}

interface RefusalRow {
  payload: { reason: string; claimedCaller: string; count?: number; windowStart?: string; windowEnd?: string };
}

/**
 * Issue 7, items 3 and 4: hostile traffic without the key. Transport limits set small by
 * configuration only; billing's listener is flooded and must stay bounded and serving.
 */
export function describeTransportLimits(topologyName: string, basePort: number): void {
  describe(`transport limits and aggregated refusals, in topology "${topologyName}"`, () => {
    const system = new SystemUnderTest(topologyName, testPort(basePort), {
      TCP_MAX_CONNECTIONS: String(MAX_CONNECTIONS),
      TCP_MAX_TOTAL_BUFFERED_BYTES: String(TOTAL_BUDGET),
      TCP_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
      TCP_INCOMPLETE_FRAME_TIMEOUT_MS: '20000',
      REFUSAL_AUDIT_WINDOW_MS: String(REFUSAL_WINDOW_MS),
    });
    const billingPort = () => system.tcpPortOf(system.processOf('billing'));
    const auditRows = (claimedCaller: string) =>
      readSql(
        join(system.dataDir, 'audit.sqlite'),
        `SELECT payload FROM audit_entries WHERE action = 'platform.message.refused.v1' AND module = 'billing' AND json_extract(payload, '$.claimedCaller') = ?`,
        [claimedCaller],
      ).then((rows): RefusalRow[] => rows.map((row) => ({ payload: JSON.parse(row.payload as string) })));
    const signUp = () =>
      system.http('POST', '/signup', {
        body: { email: uniqueEmail('limits'), password: 'correct horse battery', planId: 'basic-monthly', paymentToken: 'tok_ok' },
      });

    beforeAll(() => system.start(), 120_000);
    afterAll(() => system.stop(), 60_000);

    it(`keeps billing under ${RSS_CEILING_MB} MB and serving while ${CONNECTIONS} peers each hold ${PARTIAL_FRAME_CHARS / 1024} KB of an unfinished frame`, async () => {
      expect((await signUp()).status).toBe(201);
      const pid = system.process(system.processOf('billing')).pid!;
      const before = rssMb(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
      try {
        const peers = Array.from({ length: CONNECTIONS }, () => partialFramePeer(billingPort()));
        await sleep(1000);
        const during = await signUp();
        expect(during.status).toBe(201);
        const closed = await Promise.all(peers);
        const early = closed.filter((peer) => peer.closedAfterMs < IDLE_TIMEOUT_MS - 500).length;
        const log = () => readFileSync(join(system.dataDir, `${system.processOf('billing')}.log`), 'utf8');
        const counts = await eventually(() => {
          const lines = log().match(/connections closed for breaking a transport limit: total=(\d+)[^\n]*/g) ?? [];
          const last = lines.at(-1) ?? '';
          const byRule = Object.fromEntries([...last.matchAll(/([a-z-]+)=(\d+)/g)].map(([, rule, n]) => [rule, Number(n)]));
          expect(byRule.total).toBeGreaterThanOrEqual(CONNECTIONS);
          return byRule;
        }, 20_000);
        const after = rssMb(pid);
        console.log(
          `transport limits: billing RSS before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, after ${after.toFixed(0)} MB; ` +
            `${closed.length} peers closed (${early} before the idle timeout); billing counted ${JSON.stringify(counts)}`,
        );
        expect(closed).toHaveLength(CONNECTIONS);
        // more than the budget holds is closed at once: 8 MB / 64 KB = 128 peers at most stay until the idle timeout
        expect(early).toBeGreaterThanOrEqual(CONNECTIONS - TOTAL_BUDGET / PARTIAL_FRAME_CHARS - 1);
        expect(counts['total-buffer']).toBeGreaterThan(0);
        expect(peak).toBeLessThan(RSS_CEILING_MB);
        expect(peak - before).toBeLessThan(RSS_GROWTH_CEILING_MB);
        expect((await signUp()).status).toBe(201);
      } finally {
        clearInterval(sampler);
      }
    }, 90_000);

    it('closes an idle empty connection after the idle timeout', async () => {
      const closedAfterMs = await new Promise<number>((resolve, reject) => {
        const socket = new Socket();
        const started = Date.now();
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new Error('the idle socket was still open after 3 × the idle timeout'));
        }, 3 * IDLE_TIMEOUT_MS);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearTimeout(timer);
          resolve(Date.now() - started);
        });
        socket.connect(billingPort(), '127.0.0.1');
      });
      console.log(`transport limits: an idle empty socket was closed after ${closedAfterMs} ms (idle timeout ${IDLE_TIMEOUT_MS} ms)`);
      expect(closedAfterMs).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS - 100);
      expect(closedAfterMs).toBeLessThan(IDLE_TIMEOUT_MS + 2000);
    }, 30_000);

    it(`audits ${UNSIGNED_FRAMES} unsigned frames on one socket as a bounded number of entries that count them all`, async () => {
      const claimed = 'gateway';
      const started = Date.now();
      const answers = (await unsignedFlood(billingPort(), claimed, UNSIGNED_FRAMES)) as { err?: { code?: string } }[];
      const floodMs = Date.now() - started;
      // frames that claim to be the gateway, with a signature that is not one
      const codes = [...new Set(answers.map((answer) => answer.err?.code))];
      expect(codes).toEqual(['BAD_SIGNATURE']);
      const rows = await eventually(async () => {
        const found = await auditRows(claimed);
        expect(found.reduce((sum, row) => sum + (row.payload.count ?? 1), 0)).toBe(UNSIGNED_FRAMES);
        return found;
      }, 20_000);
      const windows = Math.ceil(floodMs / REFUSAL_WINDOW_MS) + 1;
      console.log(
        `aggregated refusals: ${UNSIGNED_FRAMES} unsigned frames answered ${codes[0]} in ${floodMs} ms, ${rows.length} audit rows, counts ${JSON.stringify(rows.map((row) => row.payload.count ?? 1))}`,
      );
      expect(rows.length).toBeLessThanOrEqual(2 * windows);
      expect(rows.every((row) => row.payload.reason === 'bad-signature')).toBe(true);
    }, 60_000);

    it('still audits each signed message whose caller is not allowed, one entry each', async () => {
      const signer = signerOfProcessHosting(system.keysDir, ['notification']);
      for (let i = 0; i < 3; i++) {
        const now = Date.now();
        const meta = {
          messageId: randomUUID(),
          pattern: LIST_PLANS,
          traceparent: traceparent().header,
          caller: 'notification',
          callee: 'billing',
          actor: { kind: 'system' },
          issuedAt: now,
          deadline: now + 5000,
        };
        const reply = await sendRawTcpPacket(billingPort(), {
          id: `signed-${i}`,
          pattern: LIST_PLANS,
          data: signer.seal(meta as never, {}),
        });
        expect(reply.err).toMatchObject({ status: 403, code: 'CALLER_NOT_ALLOWED' });
      }
      const rows = await eventually(async () => {
        const found = (await auditRows('notification')).filter((row) => row.payload.reason === 'caller-not-allowed');
        expect(found).toHaveLength(3);
        return found;
      });
      console.log(`signed but not allowed: 3 messages, ${rows.length} audit rows`);
      expect(rows.every((row) => row.payload.count === undefined)).toBe(true);
    }, 30_000);
  });
}
