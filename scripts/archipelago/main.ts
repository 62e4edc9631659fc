import { call } from './commands/call';
import { down } from './commands/down';
import { logs } from './commands/logs';
import { status } from './commands/status';
import { up } from './commands/up';
import { DEFAULT_POSTGRES_PORT } from './postgres';

const USAGE = `usage:
  npm run up -- <topology> [--detach] [--no-build] [--postgres] [--postgres-port=<port>]
  npm run status -- <topology>
  npm run logs -- <topology> <process> [--follow]
  npm run down -- <topology>
  npm run call -- <pattern> ['<json payload>'] [--topology <name> | --url <gateway url>]   (as the admin: ADMIN_TOKEN or ADMIN_EMAIL/ADMIN_PASSWORD)
topologies are the names under config/topologies/ (monolith, all-remote, …) or a path to a JSON file
up starts a loopback PostgreSQL (port ${DEFAULT_POSTGRES_PORT}) for the modules of replicated processes, or all with --postgres, whose <MODULE>_DATABASE_URL is not set`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'call') return callCommand(rest);
  const flags = new Set(rest.filter((arg) => arg.startsWith('--')));
  const [topology, processName] = rest.filter((arg) => !arg.startsWith('--'));
  if (!command || !topology) {
    console.error(USAGE);
    return 2;
  }
  switch (command) {
    case 'up':
      return up(topology, flags);
    case 'status':
      return status(topology);
    case 'logs':
      return logs(topology, processName, flags);
    case 'down':
      return down(topology);
    default:
      console.error(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

/** `call`'s own arguments: a pattern, an optional JSON payload, `--topology`/`--url` with a value. */
function callCommand(args: string[]): Promise<number> {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--topology' || args[i] === '--url') flags.set(args[i], args[++i] ?? '');
    else positional.push(args[i]);
  }
  const [pattern, json] = positional;
  if (!pattern) {
    console.error(USAGE);
    return Promise.resolve(2);
  }
  return call(pattern, json, flags);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message ?? error);
    process.exit(1);
  },
);
