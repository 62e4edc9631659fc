import { join } from 'node:path';
import { loadTopology } from '../src/config/load-topology';
import { PlatformConfig } from '../src/config/platform-config';
import { Topology } from '../src/config/topology';
import { BusChannel } from '../src/transport/bus-channel';
import { Transports } from '../src/transport/transports';
import { Announcement, encodeAnnouncement } from '../src/registry/announcement';

/** Test doubles for the registry's specs: a bus that records what is published, and announcements. */
export const REGISTRY_TEST_SETTINGS = { heartbeatMs: 1000, expiryMs: 3000 };
export const registryTestConfig = (registry = REGISTRY_TEST_SETTINGS) => ({ registry }) as PlatformConfig;

export function replicasTopology(processName: string): Topology {
  return loadTopology({ TOPOLOGY: 'nats-replicas', PROCESS: processName }, join(__dirname, '..', '..', '..'));
}

export class RecordingChannel implements BusChannel {
  readonly published: Array<{ subject: string; data: Uint8Array }> = [];
  readonly handlers = new Map<string, (data: Uint8Array) => void>();

  publish(subject: string, data: Uint8Array): void {
    this.published.push({ subject, data });
  }

  subscribe(subject: string, onMessage: (data: Uint8Array) => void): Promise<() => void> {
    this.handlers.set(subject, onMessage);
    return Promise.resolve(() => this.handlers.delete(subject));
  }

  subjects(): string[] {
    return this.published.map((message) => message.subject);
  }
}

export const transportsWith = (channel: BusChannel) => ({ of: () => ({ channel: () => channel }) }) as unknown as Transports;

export function billingAnnouncement(overrides: Partial<Announcement> = {}): Announcement {
  return {
    instance: 'billing#4242',
    host: 'box-1',
    topology: 'nats-replicas',
    process: 'billing',
    modules: ['billing'],
    gateway: false,
    contracts: ['billing.plans.list.v1'],
    startedAt: '2026-11-26T12:00:00.000Z',
    health: 'ok',
    ...overrides,
  };
}

export const encoded = (value: unknown): Uint8Array => encodeAnnouncement(value as Announcement);
