import { CallDescription, ContractDescription, ContractDescriptions, EventDescription, FieldMap } from './contract-description';

/** What changed in one pattern, in words: `request field email: was "string", now "number"`. */
export interface PatternChanges {
  pattern: string;
  changes: string[];
}

export interface CompatibilityReport {
  /** Published patterns changed or removed: each needs a new version instead. */
  breaking: PatternChanges[];
  /** Published patterns that only gained what old callers cannot notice; not yet in the snapshot. */
  compatible: PatternChanges[];
  /** Patterns not in the snapshot yet: free to change until `npm run contracts:snapshot` publishes them. */
  unpublished: string[];
}

type Section = 'request' | 'response' | 'payload';

/**
 * Compares the live contracts with the published snapshot. The only changes a published pattern
 * may take (ADR 0026): a new optional request field, and a new response field. Anything else —
 * a field removed, retyped, made optional or required, a rule changed, an event field added — breaks
 * a caller or subscriber that still runs the old version.
 */
export function compareContracts(
  published: ContractDescriptions,
  live: ContractDescriptions,
  newModules: readonly string[] = [],
): CompatibilityReport {
  const report: CompatibilityReport = { breaking: [], compatible: [], unpublished: [] };
  for (const [pattern, before] of Object.entries(published)) {
    const after = live[pattern];
    if (!after) {
      report.breaking.push({ pattern, changes: ['the pattern was removed'] });
      continue;
    }
    const { breaking, compatible } = compareOne(before, after, newModules);
    if (breaking.length > 0) report.breaking.push({ pattern, changes: [...breaking, ...compatible] });
    else if (compatible.length > 0) report.compatible.push({ pattern, changes: compatible });
  }
  report.unpublished = Object.keys(live).filter((pattern) => !published[pattern]);
  return report;
}

function compareOne(
  before: ContractDescription,
  after: ContractDescription,
  newModules: readonly string[],
): { breaking: string[]; compatible: string[] } {
  if (before.kind !== after.kind) return { breaking: [`it was a ${before.kind}, now a ${after.kind}`], compatible: [] };
  return before.kind === 'event'
    ? compareEvents(before, after as EventDescription)
    : compareCalls(before, after as CallDescription, newModules);
}

function compareEvents(before: EventDescription, after: EventDescription): { breaking: string[]; compatible: string[] } {
  const breaking = compareFields('payload', before.payload, after.payload).map((change) => change.text);
  if (before.orderingKey !== after.orderingKey) {
    breaking.push(`ordering key: was ${before.orderingKey ?? 'none'}, now ${after.orderingKey ?? 'none'}`);
  }
  return { breaking, compatible: [] };
}

function compareCalls(
  before: CallDescription,
  after: CallDescription,
  newModules: readonly string[],
): { breaking: string[]; compatible: string[] } {
  const changes = [
    ...compareFields('request', before.request, after.request, newModules),
    ...compareFields('response', before.response, after.response),
  ];
  return {
    breaking: changes.filter((change) => !change.compatible).map((change) => change.text),
    compatible: changes.filter((change) => change.compatible).map((change) => change.text),
  };
}

interface FieldChange {
  text: string;
  compatible: boolean;
}

/** `error?.fields?[].field` → `error.fields[].field`: a field keeps its identity when its optionality changes. */
const idOf = (path: string) => path.replace(/\?/g, '');

function compareFields(section: Section, before: FieldMap, after: FieldMap, newModules: readonly string[] = []): FieldChange[] {
  const oldFields = new Map(Object.entries(before).map(([path, value]) => [idOf(path), { path, value }]));
  const newFields = new Map(Object.entries(after).map(([path, value]) => [idOf(path), { path, value }]));
  const changes: FieldChange[] = [];
  for (const [id, old] of oldFields) {
    const now = newFields.get(id);
    if (!now) changes.push({ text: `${section} field ${id} was removed`, compatible: false });
    else if (now.path !== old.path) {
      changes.push({ text: `${section} field ${id} became ${now.path.endsWith('?') ? 'optional' : 'required'}`, compatible: false });
    } else if (section === 'request' && now.value !== old.value && withoutModules(now.value, newModules) === old.value) {
      changes.push({ text: `${section} field ${id} accepts the new module ${newModules.join(', ')}`, compatible: true });
    } else if (now.value !== old.value) {
      changes.push({ text: `${section} field ${id}: was "${old.value}", now "${now.value}"`, compatible: false });
    }
  }
  const added = [...newFields.keys()].filter((id) => !oldFields.has(id));
  for (const id of added) {
    const compatible = section === 'response' || (section === 'request' && addedOptionally(id, added, newFields));
    const path = newFields.get(id)?.path ?? id;
    changes.push({ text: `${section} field ${path} was added${compatible ? '' : whyNotCompatible(section)}`, compatible });
  }
  return changes;
}

/**
 * A request rule with the names of modules being added removed from its `isIn` lists: a module
 * generated by `npm run generate:module` joins every list of module names (MODULE_NAMES), and
 * naming it with `--new-module` says that is the only change to those rules.
 */
function withoutModules(rule: string, modules: readonly string[]): string {
  return modules.reduce((text, module) => text.replace(`,"${module}"`, '').replace(`"${module}",`, ''), rule);
}

/** A new request field old callers may leave out: optional itself, or inside a new optional field. */
function addedOptionally(id: string, added: string[], fields: Map<string, { path: string }>): boolean {
  const outermost = added.filter((other) => id === other || id.startsWith(`${other}.`) || id.startsWith(`${other}[`)).sort()[0];
  return fields.get(outermost)?.path.endsWith('?') ?? false;
}

function whyNotCompatible(section: Section): string {
  return section === 'request'
    ? ' as required: callers that do not send it yet are refused'
    : ': subscribers on the old version refuse a field they do not know';
}

/** `auth.user.register.v1` → `auth.user.register.v2`, or the first version neither published nor live. */
export function nextVersionOf(pattern: string, taken: ReadonlySet<string>): string {
  const [, stem, version] = /^(.*)\.v(\d+)$/.exec(pattern) ?? [];
  let next = Number(version) + 1;
  while (taken.has(`${stem}.v${next}`)) next += 1;
  return `${stem}.v${next}`;
}
