import 'reflect-metadata';
import { checkReplicaDatabases, ConfigurationError, loadTopology, readLogSettings, readPlatformConfig } from '@app/platform';
import { startProcess } from './start-process';

/** One program, many placements: the topology and PROCESS decide what this process runs. */
async function main(): Promise<void> {
  const config = readPlatformConfig(process.env);
  const topology = loadTopology(process.env);
  checkReplicaDatabases(topology, config);
  await startProcess(topology, config, readLogSettings(process.env));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
  } else {
    console.error('Archipelago failed to start:', error);
  }
  process.exit(1);
});
