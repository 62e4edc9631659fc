import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { compareContracts } from './compare-contracts';
import { ContractDescriptions } from './contract-description';
import { failureMessages, noteMessages } from './compatibility-messages';
import { readSnapshot, writeSnapshot } from './contract-snapshot';
import { describeContracts } from './describe-contracts';
import { liveContractSources, SNAPSHOT_FILE } from './published-contracts';

const USAGE = `usage:
  npm run contracts:check                               compare the contracts with the published snapshot
  npm run contracts:snapshot [-- --retire <pattern>…]   publish the current contracts (retiring the patterns named)
  npm run contracts:snapshot -- --new-module <name>     publish them with <name> added to every list of modules (npm run generate:module)`;

/** Fails on a published pattern that changed or disappeared; notes what is new. */
function check(published: ContractDescriptions, live: ContractDescriptions): number {
  const report = compareContracts(published, live);
  const taken = new Set([...Object.keys(published), ...Object.keys(live)]);
  for (const note of noteMessages(report)) console.log(`note: ${note}`);
  for (const failure of failureMessages(report, taken)) console.error(`error: ${failure}`);
  if (report.breaking.length > 0) return 1;
  console.log(`contracts: ${Object.keys(live).length} patterns, every published one unchanged or compatibly extended`);
  return 0;
}

/** Records the live contracts, refusing any breaking change but the removal of a pattern named with --retire. */
function snapshot(published: ContractDescriptions, live: ContractDescriptions, retired: string[], newModules: string[]): number {
  const stillLive = retired.filter((pattern) => live[pattern]);
  if (stillLive.length > 0) {
    console.error(`error: still in the contracts: ${stillLive.join(', ')}; remove a pattern's definition before retiring it`);
    return 1;
  }
  const report = compareContracts(published, live, newModules);
  report.breaking = report.breaking.filter((pattern) => !retired.includes(pattern.pattern));
  const taken = new Set([...Object.keys(published), ...Object.keys(live)]);
  const failures = failureMessages(report, taken);
  for (const failure of failures) console.error(`error: ${failure}`);
  if (failures.length > 0) return 1;
  writeSnapshot(SNAPSHOT_FILE, live);
  console.log(`published ${Object.keys(live).length} patterns to ${SNAPSHOT_FILE}`);
  return 0;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const live = describeContracts(liveContractSources());
  const retired = rest.filter((_arg, index) => rest[index - 1] === '--retire');
  const newModules = rest.filter((_arg, index) => rest[index - 1] === '--new-module');
  if (command === 'check') return check(readSnapshot(SNAPSHOT_FILE), live);
  // The first snapshot publishes everything there is.
  if (command === 'snapshot') return snapshot(existsSync(SNAPSHOT_FILE) ? readSnapshot(SNAPSHOT_FILE) : {}, live, retired, newModules);
  console.error(USAGE);
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 1;
}
