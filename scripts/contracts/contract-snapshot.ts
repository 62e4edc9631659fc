import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ContractDescriptions } from './contract-description';

const COMMENT =
  'Every published contract, as callers on older versions rely on it. Written by npm run contracts:snapshot, checked by ' +
  'npm run contracts:check and npm test (ADR 0026). A published pattern never changes: add <name>.v2 beside it.';

interface SnapshotFile {
  $comment: string;
  contracts: ContractDescriptions;
}

export function readSnapshot(file: string): ContractDescriptions {
  if (!existsSync(file)) {
    throw new Error(
      `no contract snapshot at ${relative(process.cwd(), file)}: run npm run contracts:snapshot to publish the current contracts`,
    );
  }
  return (JSON.parse(readFileSync(file, 'utf8')) as SnapshotFile).contracts;
}

export function renderSnapshot(contracts: ContractDescriptions): string {
  const sorted = Object.fromEntries(Object.entries(contracts).sort(([a], [b]) => a.localeCompare(b)));
  const file: SnapshotFile = { $comment: COMMENT, contracts: sorted };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function writeSnapshot(file: string, contracts: ContractDescriptions): void {
  writeFileSync(file, renderSnapshot(contracts));
}
