import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { composeFile, renderComposeFile } from './compose-file';
import { renderDeployReadme } from './deploy-readme';
import { DeploymentTopology, REPO_ROOT } from './deployment-topology';
import { renderDockerfile, renderDockerignore } from './dockerfile';
import { BuildLocation } from './process-service';

/**
 * Where Compose builds from: relative paths for a folder inside the repository (the committed
 * deploy/<topology>), absolute ones for a folder elsewhere (it then works on this machine only).
 */
function buildLocation(outDir: string): BuildLocation {
  const toPosix = (path: string) => path.split(sep).join('/');
  const dockerfile = join(outDir, 'Dockerfile');
  const insideRepository = !relative(REPO_ROOT, outDir).startsWith('..') && !isAbsolute(relative(REPO_ROOT, outDir));
  if (!insideRepository) return { context: REPO_ROOT, dockerfile };
  return { context: toPosix(relative(outDir, REPO_ROOT)) || '.', dockerfile: toPosix(relative(REPO_ROOT, dockerfile)) };
}

/** Every artefact of one topology, by file name, for the folder `outDir`. */
export function renderDeployment(topology: DeploymentTopology, outDir: string): Map<string, string> {
  const compose = composeFile(topology, buildLocation(outDir));
  return new Map([
    ['Dockerfile', renderDockerfile(topology.name)],
    ['Dockerfile.dockerignore', renderDockerignore()],
    ['compose.yaml', renderComposeFile(compose, topology.name)],
    ['README.md', renderDeployReadme(topology, compose)],
  ]);
}

export function writeDeployment(topology: DeploymentTopology, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const files = renderDeployment(topology, outDir);
  for (const [name, content] of files) writeFileSync(join(outDir, name), content);
  return [...files.keys()].map((name) => join(outDir, name));
}
