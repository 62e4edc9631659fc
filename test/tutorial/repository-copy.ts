import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A fresh copy of the repository as it is checked out (committed or not, ignored files left out,
 * so no `dist/` and no `data/`), sharing its `node_modules`: what a reader has after a clone and
 * `npm install`, in a directory the tutorial may fill with data without touching this one.
 */
export function copyRepository(root: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'archipelago-tutorial-'));
  chmodSync(copy, 0o755); // under root, the PostgreSQL `up` starts runs as the postgres user, who must reach data/
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root }).toString();
  for (const file of listed.split('\0')) {
    if (!file || file === 'node_modules' || !existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(root, file), join(copy, file));
  }
  symlinkSync(realpathSync(join(root, 'node_modules')), join(copy, 'node_modules'));
  return copy;
}

/** `npm run down` for every topology a run left in the background in the copy, then the copy itself; never throws over a failed test. */
export function removeCopy(copy: string, env: NodeJS.ProcessEnv): void {
  const dataDir = join(copy, 'data');
  const topologies = existsSync(dataDir) ? readdirSync(dataDir).filter((t) => existsSync(join(dataDir, t, 'up.json'))) : [];
  for (const topology of topologies) {
    spawnSync(join(copy, 'node_modules', '.bin', 'ts-node'), ['--transpile-only', 'scripts/archipelago/main.ts', 'down', topology], {
      cwd: copy,
      env,
      stdio: 'ignore',
    });
  }
  rmSync(copy, { recursive: true, force: true });
}
