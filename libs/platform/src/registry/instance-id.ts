/**
 * One running copy of a process: `billing#<pid>`. The metrics of a replica carry it as their
 * `instance` label (ADR 0028) and the registry lists it (ADR 0029), so the two name it alike.
 */
export function instanceIdOf(processName: string, pid: number = process.pid): string {
  return `${processName}#${pid}`;
}
