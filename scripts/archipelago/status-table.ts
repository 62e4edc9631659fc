import { healthDetails, healthOf } from './health';
import { isAlive } from './run-state';
import { PlannedProcess } from './topology-plan';

export type RunningProcess = PlannedProcess & { pid: number };

/** One row per process: name, pid, alive, modules, addresses and what /health says. */
export async function printStatusTable(processes: RunningProcess[]): Promise<boolean> {
  const details = await healthDetails(processes);
  const rows = processes.map((p) => {
    const alive = isAlive(p.pid);
    const health = !alive ? 'stopped' : p.broker || p.postgres ? 'up' : healthOf(p, details);
    return [
      p.name,
      String(p.pid),
      health,
      p.broker ? '(broker)' : p.postgres ? `(database of ${p.modules.join(', ')})` : p.modules.join(', ') || '(gateway only)',
      [p.http, p.listen].filter(Boolean).join(' '),
    ];
  });
  const header = ['process', 'pid', 'health', 'modules', 'address'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  return rows.every((row) => row[2] === 'up' || row[2] === 'unknown');
}
