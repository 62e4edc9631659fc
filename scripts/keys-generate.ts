/**
 * `npm run keys:generate -- --dir <path> [--module <name>] [--rotate]` (ADR 0022)
 *
 *   --dir <path>        where to write: <module>.key (private, 0600) and <module>.pub (public)
 *   --module <name>     only this module (or `gateway`); without it, every module and the gateway
 *   --rotate            step 1 of a rotation: a second key for --module, listed after the current one
 *
 * Never overwrites a key. Give each process a KEYS_DIR with the .key files of the modules it hosts
 * and the .pub files of all the others.
 */
import 'tsconfig-paths/register';
import { CALLER_NAMES, CallerName } from '@app/contracts';
import { addRotationKey, privateKeyFile, readKeyFile, writeKeyPairs } from '@app/platform';
import { resolve } from 'node:path';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function main(): void {
  const dir = option('dir');
  const module = option('module');
  const rotate = process.argv.includes('--rotate');
  if (!dir) throw new Error('--dir <path> is required: where to write the key files');
  if (module !== undefined && !(CALLER_NAMES as readonly string[]).includes(module))
    throw new Error(`--module must be one of ${CALLER_NAMES.join(', ')}; got "${module}"`);
  if (rotate && !module) throw new Error('--rotate needs --module <name>: keys are rotated one module at a time');
  const target = resolve(dir);
  if (rotate) {
    const id = addRotationKey(target, module as CallerName);
    console.log(`${module}: added key ${id} second in ${privateKeyFile(target, module as CallerName)} and its .pub.`);
    console.log('Next: copy the .pub to every process, then the .key to the processes hosting it; restart them (ADR 0022).');
    return;
  }
  const callers = module ? [module as CallerName] : [...CALLER_NAMES];
  writeKeyPairs(target, callers);
  for (const caller of callers) console.log(`${caller}: key ${readKeyFile(privateKeyFile(target, caller), 'private')[0].id}`);
  console.log(`Wrote ${callers.length} key pair(s) to ${target}. Each process needs its modules' .key files and every other .pub.`);
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
