import { execFileSync } from 'node:child_process';

/** Resident set size of a process in MB, or NaN when it is gone. */
export function rssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const kb = Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
        .toString()
        .trim(),
    );
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return NaN;
  }
}
