import { down } from './commands/down';
import { logs } from './commands/logs';
import { status } from './commands/status';
import { up } from './commands/up';

const USAGE = `usage:
  npm run up -- <topology> [--detach] [--no-build]
  npm run status -- <topology>
  npm run logs -- <topology> <process> [--follow]
  npm run down -- <topology>
topologies are the names under config/topologies/ (monolith, all-remote, …) or a path to a JSON file`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message ?? error);
    process.exit(1);
  },
);
