import { createHash } from 'node:crypto';
import { ChainedContent, GENESIS_HASH, hashEntry } from './entry-hash';

const entry: ChainedContent = {
  seq: 1,
  eventId: '7d0f4a3e-2c1b-4f4e-9a51-0c6f3d2b1a00',
  action: 'auth.user.registered.v1',
  module: 'auth',
  actor: 'system',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  payload: '{"email":"ada@archipelago.test","roles":["user"]}',
  occurredAt: '2024-11-24T07:00:00.000Z',
  recordedAt: '2024-11-24T07:00:00.050Z',
  prevHash: GENESIS_HASH,
};

describe('hashEntry', () => {
  it('the chain starts from 64 zeros', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('is the SHA-256 (hex) of the canonical JSON of the content, payload as an object', () => {
    const canonical =
      '{"action":"auth.user.registered.v1","actor":"system","eventId":"7d0f4a3e-2c1b-4f4e-9a51-0c6f3d2b1a00",' +
      '"module":"auth","occurredAt":"2024-11-24T07:00:00.000Z","payload":{"email":"ada@archipelago.test","roles":["user"]},' +
      `"prevHash":"${GENESIS_HASH}","recordedAt":"2024-11-24T07:00:00.050Z","seq":1,"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}`;

    expect(hashEntry(entry)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('does not depend on the key order of the stored payload text', () => {
    const reordered = { ...entry, payload: '{"roles":["user"],  "email":"ada@archipelago.test"}' };

    expect(hashEntry(reordered)).toBe(hashEntry(entry));
  });

  it.each<[keyof ChainedContent, unknown]>([
    ['seq', 2],
    ['eventId', '7d0f4a3e-2c1b-4f4e-9a51-0c6f3d2b1a01'],
    ['action', 'auth.login.failed.v1'],
    ['module', 'billing'],
    ['actor', 'user:42'],
    ['traceId', '00f92f3577b34da6a3ce929d0e0e4736'],
    ['payload', '{"email":"eve@archipelago.test","roles":["user"]}'],
    ['occurredAt', '2024-11-24T07:00:00.001Z'],
    ['recordedAt', '2024-11-24T07:00:00.051Z'],
    ['prevHash', 'f'.repeat(64)],
  ])('changes when %s changes', (field, value) => {
    expect(hashEntry({ ...entry, [field]: value })).not.toBe(hashEntry(entry));
  });
});
