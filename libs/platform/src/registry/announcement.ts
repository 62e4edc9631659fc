import { isModuleName, MODULE_NAMES, ModuleName } from '@app/contracts';

/** What a process is doing for the system right now: `degraded` when one of its databases did not answer. */
export type InstanceHealth = 'ok' | 'degraded';

/**
 * What one running process says about itself on the bus (ADR 0029), as plain JSON: which copy it
 * is, what it hosts and answers, since when, and whether its databases answer.
 */
export interface Announcement {
  /** `billing#<pid>`: the metrics' `instance` label too. */
  instance: string;
  /** The machine (or container) it runs on: two containers may both run as pid 1. */
  host: string;
  topology: string;
  process: string;
  modules: ModuleName[];
  /** Whether it serves HTTP, the gateway. */
  gateway: boolean;
  /** The versioned patterns its modules answer, `billing.plans.list.v1`. */
  contracts: string[];
  /** ISO 8601. */
  startedAt: string;
  health: InstanceHealth;
}

/** Bounds a stranger on the bus cannot exceed: the registry parses nothing bigger, keeps no longer strings. */
export const MAX_ANNOUNCEMENT_BYTES = 16 * 1024;
const MAX_NAME_LENGTH = 100;
const MAX_CONTRACTS = 200;
const PATTERN = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+\.v\d+$/;

const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH;
const isListOf = <T>(value: unknown, max: number, check: (item: unknown) => item is T): value is T[] =>
  Array.isArray(value) && value.length <= max && value.every(check);
const isPattern = (value: unknown): value is string => isName(value) && PATTERN.test(value);
const isModule = (value: unknown): value is ModuleName => typeof value === 'string' && isModuleName(value);
const isInstant = (value: unknown): value is string => isName(value) && !Number.isNaN(Date.parse(value));

/** The announcement in `data`, or undefined for anything else (too big, not JSON, a field missing or out of bounds). */
export function parseAnnouncement(data: Uint8Array): Announcement | undefined {
  if (data.byteLength > MAX_ANNOUNCEMENT_BYTES) return undefined;
  let value: Partial<Record<keyof Announcement, unknown>>;
  try {
    value = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')) as typeof value;
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { instance, host, topology, process, modules, gateway, contracts, startedAt, health } = value;
  const valid =
    isName(instance) &&
    isName(host) &&
    isName(topology) &&
    isName(process) &&
    isListOf(modules, MODULE_NAMES.length, isModule) &&
    typeof gateway === 'boolean' &&
    isListOf(contracts, MAX_CONTRACTS, isPattern) &&
    isInstant(startedAt) &&
    (health === 'ok' || health === 'degraded');
  return valid ? { instance, host, topology, process, modules, gateway, contracts, startedAt, health } : undefined;
}

export function encodeAnnouncement(announcement: Announcement): Uint8Array {
  return Buffer.from(JSON.stringify(announcement));
}
