import { CompatibilityReport, nextVersionOf, PatternChanges } from './compare-contracts';

const SNAPSHOT_COMMAND = 'npm run contracts:snapshot';

/** One message per published pattern that changed or disappeared, saying what to do instead. */
export function failureMessages(report: CompatibilityReport, taken: ReadonlySet<string>): string[] {
  return report.breaking.map((pattern) =>
    pattern.changes.includes('the pattern was removed') ? removedMessage(pattern.pattern) : changedMessage(pattern, taken),
  );
}

function changedMessage({ pattern, changes }: PatternChanges, taken: ReadonlySet<string>): string {
  const next = nextVersionOf(pattern, taken);
  return [
    `${pattern} is published, and its shape changed:`,
    ...changes.map((change) => `  - ${change}`),
    `  A published pattern never changes: undo this, and add ${next} beside it instead (its own DTOs and handler),`,
    `  keep ${pattern} until every caller has moved, then retire it: ${SNAPSHOT_COMMAND} -- --retire ${pattern}`,
  ].join('\n');
}

function removedMessage(pattern: string): string {
  return [
    `${pattern} is published, and it was removed: callers on an older version still send it.`,
    `  Restore it. Once every caller has moved to a newer version, retire it: ${SNAPSHOT_COMMAND} -- --retire ${pattern}`,
  ].join('\n');
}

/** What passes the gate but is not in the snapshot yet. */
export function noteMessages(report: CompatibilityReport): string[] {
  return [
    ...report.unpublished.map(
      (pattern) => `${pattern} is new, not yet published: ${SNAPSHOT_COMMAND} records it (until then it may still change)`,
    ),
    ...report.compatible.map(
      ({ pattern, changes }) => `${pattern} changed compatibly (${changes.join('; ')}): ${SNAPSHOT_COMMAND} records it`,
    ),
  ];
}
