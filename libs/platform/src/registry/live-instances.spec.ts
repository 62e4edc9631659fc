import { Sighting } from './live-instance';
import { LiveInstances } from './live-instances';

const EXPIRY_MS = 3000;
const sighting = (id: string, host = 'box-1'): Sighting => ({
  id,
  host,
  process: 'billing',
  modules: ['billing'],
  gateway: false,
  contracts: ['billing.plans.list.v1'],
  startedAt: '2026-11-26T12:00:00.000Z',
  health: 'ok',
  seenBy: 'heartbeat',
});
const ids = (table: LiveInstances, now: number) => table.live(now).map((instance) => instance.id);

describe('LiveInstances, the table of instances heard from recently (ADR 0029)', () => {
  it('keeps an instance while it beats, and forgets it once it has been silent longer than the expiry', () => {
    const table = new LiveInstances(EXPIRY_MS, 10);
    table.saw(sighting('billing#1'), 0);
    table.saw(sighting('billing#2'), 0);
    table.saw(sighting('billing#1'), 2000);
    expect(ids(table, EXPIRY_MS)).toEqual(['billing#1', 'billing#2']);
    expect(ids(table, EXPIRY_MS + 1)).toEqual(['billing#1']);
    expect(table.live(EXPIRY_MS + 1)[0].lastSeen).toBe(new Date(2000).toISOString());
    expect(ids(table, 2000 + EXPIRY_MS + 1)).toEqual([]);
  });

  it('forgets an instance at once when it says goodbye, and takes it back when it beats again', () => {
    const table = new LiveInstances(EXPIRY_MS, 10);
    table.saw(sighting('billing#1'), 0);
    table.left({ host: 'box-1', id: 'billing#1' });
    expect(ids(table, 1)).toEqual([]);
    table.saw(sighting('billing#1'), 2);
    expect(ids(table, 3)).toEqual(['billing#1']);
  });

  it('tells apart two instances with the same id on two hosts (two containers, both pid 1)', () => {
    const table = new LiveInstances(EXPIRY_MS, 10);
    table.saw(sighting('billing#1', 'container-a'), 0);
    table.saw(sighting('billing#1', 'container-b'), 0);
    table.left({ host: 'container-a', id: 'billing#1' });
    expect(table.live(1).map((instance) => instance.host)).toEqual(['container-b']);
  });

  it('never holds more than its capacity: newcomers are refused while it is full, renewals are not', () => {
    const table = new LiveInstances(EXPIRY_MS, 3);
    for (let index = 0; index < 10_000; index++) table.saw(sighting(`forged#${index}`), 0);
    expect(table.size).toBe(3);
    expect(table.saw(sighting('billing#7'), 1)).toBe(false);
    expect(table.saw(sighting('forged#0'), 1)).toBe(true);
    expect(table.saw(sighting('billing#7'), EXPIRY_MS + 1)).toBe(true);
    expect(ids(table, EXPIRY_MS + 1)).toEqual(['forged#0', 'billing#7']);
  });
});
