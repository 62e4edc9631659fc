import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateModule } from './generate-module';

const ROOT = join(__dirname, '..', '..');
const USAGE = `usage: npm run generate:module -- <name>
  <name>: lower-case letters, not an existing module nor gateway, platform, contracts or testing`;

/** Files derived from the code that are committed: rewritten now that the module is known. */
function refreshDerivedFiles(name: string, changedFiles: string[]): void {
  const run = (command: string, args: string[], env: Record<string, string> = {}) =>
    execFileSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  run('npx', ['prettier', '--write', '--log-level', 'warn', ...changedFiles.filter((file) => /\.(ts|js)$/.test(file))]);
  run('npm', ['run', '--silent', 'contracts:snapshot', '--', '--new-module', name]);
  // every committed deploy/<topology> (monolith, all-remote, nats-replicas): a test checks each for drift
  for (const topology of readdirSync(join(ROOT, 'deploy'))) run('npm', ['run', '--silent', 'deploy:generate', '--', topology]);
  run('npx', ['ts-node', '--transpile-only', '-r', 'tsconfig-paths/register', join(__dirname, 'write-module-graph.ts')]);
}

function main(argv: string[]): number {
  const [name, ...rest] = argv;
  if (!name || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const { created, registeredIn } = generateModule(ROOT, name);
  created.forEach((file) => console.log(`created    ${file}`));
  registeredIn.forEach((file) => console.log(`registered ${file}`));
  refreshDerivedFiles(name, [...created, ...registeredIn]);
  console.log(`\n${name} is a module. Next: npm run build, npx jest --selectProjects unit --testPathPatterns libs/${name}/`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 1;
}
