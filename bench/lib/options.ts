/** What `npm run bench` was asked to do: `--smoke` / BENCH_SMOKE=1, `--only=http,kernel`. */
export const CASE_GROUPS = ['http', 'kernel', 'insert', 'memory', 'cold-start', 'lag'] as const;
export type CaseGroup = (typeof CASE_GROUPS)[number];

export interface BenchOptions {
  smoke: boolean;
  rounds: number;
  /** Seconds of load per HTTP row and round. */
  httpSeconds: number;
  /** Seconds of calls per kernel/peer row and round. */
  callSeconds: number;
  /** Seconds of sustained POST /billing/subscriptions for the event→audit lag. */
  sustainedSeconds: number;
  /** How long to wait for the outboxes to drain after the sustained load. */
  drainLimitSeconds: number;
  coldStarts: number;
  only: Set<CaseGroup>;
  output: string;
}

function flag(argv: string[], name: string): string | undefined {
  const found = argv.find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (!found) return undefined;
  return found.includes('=') ? found.slice(found.indexOf('=') + 1) : 'true';
}

export function readOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  const smoke = flag(argv, 'smoke') !== undefined || env.BENCH_SMOKE === '1';
  const onlyRaw = flag(argv, 'only') ?? env.BENCH_ONLY;
  const only = new Set<CaseGroup>(CASE_GROUPS);
  if (onlyRaw) {
    only.clear();
    for (const name of onlyRaw.split(',').map((s) => s.trim())) {
      if (!(CASE_GROUPS as readonly string[]).includes(name))
        throw new Error(`unknown case group "${name}"; known: ${CASE_GROUPS.join(', ')}`);
      only.add(name as CaseGroup);
    }
  }
  const num = (name: string, fallback: number) => Number(env[name] ?? fallback);
  return {
    smoke,
    rounds: smoke ? 1 : num('BENCH_ROUNDS', 3),
    httpSeconds: smoke ? 1 : num('BENCH_HTTP_SECONDS', 8),
    callSeconds: smoke ? 1 : num('BENCH_CALL_SECONDS', 4),
    sustainedSeconds: smoke ? 3 : num('BENCH_SUSTAINED_SECONDS', 60),
    drainLimitSeconds: smoke ? 5 : num('BENCH_DRAIN_LIMIT_SECONDS', 60),
    coldStarts: smoke ? 1 : 3,
    only,
    output: flag(argv, 'out') ?? env.BENCH_OUT ?? 'bench/results/latest.json',
  };
}
