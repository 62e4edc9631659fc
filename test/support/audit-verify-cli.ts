import { spawn } from 'node:child_process';
import { join } from 'node:path';

const CLI_JS = join(__dirname, '..', '..', 'dist', 'libs', 'audit', 'src', 'verify-chain', 'verify-chain.cli.js');

/** `npm run audit:verify -- --data-dir DIR`, from the built program: its exit code and what it printed. */
export function runAuditVerifyCli(dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_JS, '--data-dir', dataDir], {
      env: { PATH: process.env.PATH, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}
