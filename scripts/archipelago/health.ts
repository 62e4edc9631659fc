import { PlannedProcess } from './topology-plan';

type Details = Record<string, { status: string; message?: string }>;

/**
 * `GET /health` of every HTTP process, merged: `<module>-database` for the modules it hosts,
 * `<module>-module` for the remote ones it pinged, and `<process>-process` for itself.
 */
export async function healthDetails(processes: PlannedProcess[]): Promise<Details> {
  const details: Details = {};
  for (const planned of processes.filter((p) => p.http)) {
    try {
      const response = await fetch(`${planned.http}/health`, { signal: AbortSignal.timeout(3000) });
      Object.assign(details, ((await response.json()) as { details?: Details }).details ?? {});
      details[`${planned.name}-process`] = { status: response.ok ? 'up' : 'down' };
    } catch (error) {
      details[`${planned.name}-process`] = { status: 'down', message: (error as Error).message };
    }
  }
  return details;
}

/** up, down or unknown (no HTTP process saw it), with the reason when down; each gateway replica by its own name. */
export function healthOf(planned: PlannedProcess, details: Details): string {
  const own = details[`${planned.name}-process`];
  const modules = planned.modules.map((module) => details[`${module}-database`] ?? details[`${module}-module`]).filter(Boolean);
  const down = [own, ...modules].find((entry) => entry && entry.status !== 'up');
  if (down) return `down${down.message ? ` (${down.message})` : ''}`;
  return own || modules.length > 0 ? 'up' : 'unknown';
}
