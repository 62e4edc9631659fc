/** Turns the measurements of one run into the markdown tables (absolute numbers, ratios vs goals). */
import { cpus, loadavg, totalmem } from 'node:os';
import { Sample } from './lib/stats';
import type { LagResult } from './cases/event-audit-lag';

export interface RowResult {
  id: string;
  label: string;
  unit: string;
  rounds: Sample[];
  median: Sample;
}

export interface BenchResult {
  machine: {
    cpu: string;
    cores: number;
    memoryGb: number;
    node: string;
    platform: string;
    date: string;
    loadAvgAtStart: number[];
    commit: string;
  };
  mode: 'smoke' | 'full';
  settings: Record<string, unknown>;
  rows: Record<string, RowResult>;
  memory: {
    /** MB per process: idle (after start), then after each load round. */
    monolith: { idle: Record<string, number>; afterLoad: Array<Record<string, number>> };
    allRemote: { idle: Record<string, number>; afterLoad: Array<Record<string, number>> };
  } | null;
  coldStartMs: { runs: number[]; median: number } | null;
  lag: LagResult[];
  goals: GoalRow[];
  durationSeconds: number;
  failures: string[];
}

export interface GoalRow {
  case: string;
  archipelago: string;
  baseline: string;
  ratio: string;
  goal: string;
  met: boolean | null;
}

export function machine(commit: string): BenchResult['machine'] {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    loadAvgAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
    commit,
  };
}

const fmt = (n: number | undefined | null, digits = 0): string =>
  n === undefined || n === null || Number.isNaN(n)
    ? '—'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratioOf = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b ? NaN : a / b);
const fmtRatio = (r: number) => (Number.isNaN(r) ? '—' : `${r < 0.1 ? r.toFixed(3) : r.toFixed(2)}×`);
const mark = (met: boolean | null) => (met === null ? '—' : met ? '✅' : '❌');

/** Ratio rows: Archipelago row vs a baseline row of the same run, with the goals. */
function ratioGoals(rows: Record<string, RowResult>): GoalRow[] {
  const out: GoalRow[] = [];
  const add = (label: string, mine: string, theirs: string, min: number | null) => {
    const a = rows[mine];
    const b = rows[theirs];
    if (!a || !b) return;
    const r = ratioOf(a.median.rps, b.median.rps);
    out.push({
      case: label,
      archipelago: `${fmt(a.median.rps)} ${a.unit} (p50 ${fmt(a.median.p50, 1)} / p99 ${fmt(a.median.p99, 1)} ms)`,
      baseline: `${b.label}: ${fmt(b.median.rps)} ${b.unit} (p50 ${fmt(b.median.p50, 1)} / p99 ${fmt(b.median.p99, 1)} ms)`,
      ratio: fmtRatio(r),
      goal: min === null ? '—' : `≥ ${min}×`,
      met: min === null || Number.isNaN(r) ? null : r >= min,
    });
  };
  add('monolith `GET /auth/me` c16 vs plain app', 'mono-me-c16', 'plain-me-c16', 0.8);
  add('monolith `GET /auth/me` c50 vs plain app', 'mono-me-c50', 'plain-me-c50', 0.8);
  add('monolith `GET /auth/me` c16 vs hello', 'mono-me-c16', 'hello-c16', 0.3);
  add('monolith `GET /auth/me` c50 vs hello', 'mono-me-c50', 'hello-c50', 0.3);
  add('all-remote `GET /auth/me` c16 vs monolith', 'remote-me-c16', 'mono-me-c16', 0.5);
  add('all-remote `GET /auth/me` c50 vs monolith', 'remote-me-c50', 'mono-me-c50', 0.5);
  add('nats-all-remote `GET /auth/me` c16 vs all-remote (TCP)', 'nats-remote-me-c16', 'remote-me-c16', 0.8);
  add('nats-all-remote `GET /auth/me` c50 vs all-remote (TCP)', 'nats-remote-me-c50', 'remote-me-c50', 0.8);
  add('all-remote `GET /auth/me` c16 vs raw Nest hop', 'remote-me-c16', 'hop-c16', null);
  add('all-remote `GET /auth/me` c50 vs raw Nest hop', 'remote-me-c50', 'hop-c50', null);
  add('monolith `POST /billing/subscriptions` c16 vs plain app', 'mono-sub-c16', 'plain-sub-c16', 0.5);
  add('all-remote `POST /billing/subscriptions` c16 vs plain app', 'remote-sub-c16', 'plain-sub-c16', null);
  add('monolith `POST /billing/subscriptions` c16 vs TypeORM insert loop', 'mono-sub-c16', 'typeorm-insert', null);
  add('kernel TCP call c1 vs raw Nest ClientTCP', 'kernel-tcp-c1', 'nest-tcp-c1', 0.8);
  add('kernel TCP call c16 vs raw Nest ClientTCP', 'kernel-tcp-c16', 'nest-tcp-c16', 0.8);
  add('kernel TCP call c1 vs Moleculer TCP', 'kernel-tcp-c1', 'moleculer-tcp-c1', 1.0);
  add('kernel TCP call c16 vs Moleculer TCP', 'kernel-tcp-c16', 'moleculer-tcp-c16', 1.0);
  add('kernel NATS call c1 vs raw Nest ClientNats', 'kernel-nats-c1', 'nest-nats-c1', 0.8);
  add('kernel NATS call c16 vs raw Nest ClientNats', 'kernel-nats-c16', 'nest-nats-c16', 0.8);
  add('kernel NATS call c1 vs kernel TCP call', 'kernel-nats-c1', 'kernel-tcp-c1', null);
  add('kernel NATS call c16 vs kernel TCP call', 'kernel-nats-c16', 'kernel-tcp-c16', null);
  add('kernel in-process call c1 vs Moleculer local', 'kernel-local-c1', 'moleculer-local-c1', 0.2);
  add('kernel in-process call c16 vs Moleculer local', 'kernel-local-c16', 'moleculer-local-c16', 0.2);
  return out;
}

function absoluteGoals(result: BenchResult): GoalRow[] {
  const out: GoalRow[] = [];
  for (const lag of result.lag) {
    const bound = lag.notYetAudited > 0 ? '≥ ' : '';
    out.push({
      case: `${lag.topology}: event → audit lag p50 / p99 (c16 writes, ${fmt(lag.load.rps, 1)} req/s)`,
      archipelago: `${bound}${fmt(lag.lagP50Ms)} / ${bound}${fmt(lag.lagP99Ms)} ms (${lag.events} events, ${lag.notYetAudited} not audited yet)`,
      baseline: '—',
      ratio: '—',
      goal: 'p99 ≤ 50 ms',
      met: lag.notYetAudited === 0 && lag.lagP99Ms <= 50,
    });
    out.push({
      case: `${lag.topology}: outbox drain after the load`,
      archipelago:
        lag.drainSeconds === null
          ? `> limit (${lag.undeliveredAtEnd} undelivered at end, ${lag.undeliveredAfterDrainLimit} after the limit)`
          : `${fmt(lag.drainSeconds, 2)} s (${lag.undeliveredAtEnd} undelivered at end)`,
      baseline: '—',
      ratio: '—',
      goal: '≤ 1 s',
      met: lag.drainSeconds !== null && lag.drainSeconds <= 1,
    });
  }
  const memory = result.memory;
  if (memory) {
    for (const [name, m] of [
      ['monolith', memory.monolith],
      ['all-remote', memory.allRemote],
    ] as const) {
      const idleMax = Math.max(...Object.values(m.idle));
      out.push({
        case: `${name}: RSS idle (largest process)`,
        archipelago:
          Object.entries(m.idle)
            .map(([p, mb]) => `${p} ${fmt(mb)}`)
            .join(', ') + ' MB',
        baseline: '—',
        ratio: '—',
        goal: '≤ 150 MB',
        met: idleMax <= 150,
      });
      const last = m.afterLoad[m.afterLoad.length - 1] ?? {};
      const first = m.afterLoad[0] ?? {};
      const peak = Math.max(...m.afterLoad.flatMap((r) => Object.values(r)));
      const growth = Object.keys(last).map((p) => last[p] - first[p]);
      const maxGrowth = Math.max(0, ...growth);
      const flat = m.afterLoad.length < 2 ? null : maxGrowth <= 15;
      out.push({
        case: `${name}: RSS after each load (largest process, ${m.afterLoad.length} loads)`,
        archipelago:
          m.afterLoad.map((r) => fmt(Math.max(...Object.values(r)))).join(' → ') +
          ` MB; ${flat === null ? 'one load' : flat ? 'flat' : 'growing'} (max growth ${fmt(maxGrowth)} MB from load 1 to last)`,
        baseline: '—',
        ratio: '—',
        goal: '≤ 250 MB, flat',
        met: peak <= 250 && flat !== false,
      });
    }
  }
  if (result.coldStartMs) {
    out.push({
      case: `monolith cold start (spawn → first 200 on /health), median of ${result.coldStartMs.runs.length}`,
      archipelago: `${fmt(result.coldStartMs.median / 1000, 2)} s (${result.coldStartMs.runs.map((r) => fmt(r / 1000, 2)).join(', ')})`,
      baseline: '—',
      ratio: '—',
      goal: '≤ 2 s',
      met: result.coldStartMs.median <= 2000,
    });
  }
  return out;
}

export function computeGoals(result: BenchResult): GoalRow[] {
  return [...ratioGoals(result.rows), ...absoluteGoals(result)];
}

export function renderMarkdown(result: BenchResult): string {
  const m = result.machine;
  const lines: string[] = [];
  lines.push(`# npm run bench — ${result.mode} run, ${m.date}`);
  lines.push('');
  lines.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}; load average at start ${m.loadAvgAtStart.join(' / ')}; commit ${m.commit}. ` +
      `Medians of ${String(result.settings.rounds)} interleaved round(s); run took ${fmt(result.durationSeconds)} s.`,
  );
  lines.push('');
  lines.push('## Ratios and goals (same run)');
  lines.push('');
  lines.push('| case | Archipelago | baseline (same run) | ratio | goal | met |');
  lines.push('|---|---|---|---|---|---|');
  for (const g of result.goals) lines.push(`| ${g.case} | ${g.archipelago} | ${g.baseline} | ${g.ratio} | ${g.goal} | ${mark(g.met)} |`);
  lines.push('');
  lines.push('## Absolute numbers (median of rounds)');
  lines.push('');
  lines.push('| row | throughput | p50 ms | p99 ms | errors | per round |');
  lines.push('|---|---|---|---|---|---|');
  for (const row of Object.values(result.rows))
    lines.push(
      `| ${row.label} | ${fmt(row.median.rps)} ${row.unit} | ${fmt(row.median.p50, 2)} | ${fmt(row.median.p99, 2)} | ${row.median.errors} | ${row.rounds.map((s) => fmt(s.rps)).join(' / ')} |`,
    );
  if (result.failures.length) {
    lines.push('');
    lines.push('## Failures');
    lines.push('');
    for (const failure of result.failures) lines.push(`- ${failure}`);
  }
  return lines.join('\n') + '\n';
}
