import { parseAnnouncement } from './announcement';
import { billingAnnouncement, RecordingChannel, registryTestConfig, replicasTopology, transportsWith } from '../../test/registry-fakes';
import { RegistryAnnouncer } from './registry-announcer';
import { REGISTRY_SUBJECTS } from './registry-subjects';
import { ThisInstance } from './this-instance';

const HEARTBEAT_MS = 100;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function announcerOnABus(channel: RecordingChannel): RegistryAnnouncer {
  const self = { describe: () => Promise.resolve(billingAnnouncement()) } as ThisInstance;
  const config = registryTestConfig({ heartbeatMs: HEARTBEAT_MS, expiryMs: 3 * HEARTBEAT_MS });
  return new RegistryAnnouncer(replicasTopology('billing'), config, transportsWith(channel), self);
}

describe('RegistryAnnouncer, a process saying it is here (ADR 0029)', () => {
  it('beats at once, then every interval, its announcement as plain JSON; on shutdown says goodbye and beats no more', async () => {
    const channel = new RecordingChannel();
    const announcer = announcerOnABus(channel);
    announcer.onApplicationBootstrap();
    await pause(HEARTBEAT_MS * 2.5);
    const beats = channel.subjects().filter((subject) => subject === REGISTRY_SUBJECTS.heartbeat).length;
    expect(beats).toBeGreaterThanOrEqual(2);
    expect(parseAnnouncement(channel.published[0].data)).toEqual(billingAnnouncement());

    await announcer.onModuleDestroy();
    const atGoodbye = channel.published.length;
    await pause(HEARTBEAT_MS * 2);
    expect(channel.subjects().slice(atGoodbye - 1)).toEqual([REGISTRY_SUBJECTS.goodbye]);
  });

  it('answers a probe with a beat now, but at most a few times an interval whoever asks', async () => {
    const channel = new RecordingChannel();
    const announcer = announcerOnABus(channel);
    announcer.onApplicationBootstrap();
    await pause(HEARTBEAT_MS / 2);
    const before = channel.published.length;
    for (let probe = 0; probe < 1000; probe++) channel.handlers.get(REGISTRY_SUBJECTS.probe)!(new Uint8Array());
    await pause(5);
    expect(channel.published.length - before).toBe(1);
    await announcer.onModuleDestroy();
  });
});
