/** Cold start of the monolith: spawn the built program (fresh data directory) → first 200 on /health. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SystemUnderTest } from '../../test/support/system-under-test';
import { track } from '../lib/children';

const MAIN_JS = join(__dirname, '..', '..', 'dist', 'apps', 'server', 'src', 'main.js');

export async function coldStartMs(portBase: number, timeoutMs = 30_000): Promise<number> {
  const system = new SystemUnderTest('monolith', portBase);
  const env = system['envFor']('main');
  const started = performance.now();
  const child = track(spawn(process.execPath, [MAIN_JS], { env, stdio: 'ignore' }));
  try {
    while (performance.now() - started < timeoutMs) {
      if (child.exitCode !== null) throw new Error(`monolith exited with ${child.exitCode} during cold start`);
      const status = await fetch(`${system.baseUrl}/health`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`monolith gave no 200 on /health within ${timeoutMs} ms`);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  }
}
