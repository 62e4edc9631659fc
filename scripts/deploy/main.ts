import { join, resolve } from 'node:path';
import { loadDeploymentTopology, REPO_ROOT } from './deployment-topology';
import { writeDeployment } from './generate-deployment';

const USAGE = `usage: npm run deploy:generate -- <topology> [--out <folder>]
  writes a Dockerfile and a compose.yaml with one service per process (default folder: deploy/<topology>)`;

function main(argv: string[]): number {
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? argv[outIndex + 1] : undefined;
  const [topologyName] = argv.filter((arg, index) => !arg.startsWith('--') && (outIndex < 0 || index !== outIndex + 1));
  if (!topologyName || (outIndex >= 0 && !out)) {
    console.error(USAGE);
    return 2;
  }
  const topology = loadDeploymentTopology(topologyName);
  const outDir = out ? resolve(process.cwd(), out) : join(REPO_ROOT, 'deploy', topologyName);
  for (const file of writeDeployment(topology, outDir)) console.log(`wrote ${file}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 1;
}
