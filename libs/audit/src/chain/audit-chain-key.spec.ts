import { createHmac, hkdfSync } from 'node:crypto';
import { AuditChainKey } from './audit-chain-key';
import { canonicalContent, ChainedContent, GENESIS_HASH, hashEntry } from './entry-hash';

const secret = Buffer.alloc(32, 1);
const key = new AuditChainKey(secret);
const entry: ChainedContent = {
  seq: 1,
  eventId: '7d0f4a3e-2c1b-4f4e-9a51-0c6f3d2b1a00',
  action: 'auth.user.registered.v1',
  module: 'auth',
  actor: 'system',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  payload: '{"email":"ada@archipelago.test"}',
  occurredAt: '2024-11-24T07:00:00.000Z',
  recordedAt: '2024-11-24T07:00:00.050Z',
  prevHash: GENESIS_HASH,
};

describe('AuditChainKey', () => {
  it('seals an entry with HMAC-SHA256 of its canonical content under the key', () => {
    expect(key.sealEntry(entry)).toBe(createHmac('sha256', secret).update(canonicalContent(entry)).digest('hex'));
  });

  it('a seal is not the unkeyed hash, and another key gives another seal', () => {
    expect(key.sealEntry(entry)).not.toBe(hashEntry(entry));
    expect(new AuditChainKey(Buffer.alloc(32, 2)).sealEntry(entry)).not.toBe(key.sealEntry(entry));
  });

  it('signs checkpoints with a second key derived by HKDF, never with the chain key itself', () => {
    const checkpoint = { seq: 3, head: 'a'.repeat(64), at: '2024-11-24T08:00:00.000Z' };
    const derived = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'archipelago audit checkpoint v1', 32));
    const canonical = '{"at":"2024-11-24T08:00:00.000Z","head":"' + 'a'.repeat(64) + '","seq":3}';

    expect(key.signCheckpoint(checkpoint)).toBe(createHmac('sha256', derived).update(canonical).digest('hex'));
    expect(key.signCheckpoint(checkpoint)).not.toBe(createHmac('sha256', secret).update(canonical).digest('hex'));
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => new AuditChainKey(Buffer.alloc(16))).toThrow('at least 32 bytes');
  });

  it('compares MACs of different lengths as different', () => {
    expect([AuditChainKey.sameMac('ab', 'ab'), AuditChainKey.sameMac('ab', 'abc'), AuditChainKey.sameMac('ab', 'ac')]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
