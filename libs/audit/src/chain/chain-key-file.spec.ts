import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChainKeyFileIfMissing, readChainKeyFile } from './chain-key-file';

// The race between two processes, made deterministic: the other one links its key just after this one looked.
jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof fs>('node:fs');
  return { ...actual, existsSync: jest.fn(actual.existsSync) };
});

describe('the chain key file', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'audit-key-'));

  it('development creates 32 random bytes as hex, readable by its owner only, and reads them back', () => {
    const path = join(dir(), 'nested', 'audit-chain.key');

    expect(createChainKeyFileIfMissing(path)).toBe(true);

    expect(readFileSync(path, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readChainKeyFile(path)).toHaveLength(32);
  });

  it('an existing key is kept', () => {
    const path = join(dir(), 'audit-chain.key');
    createChainKeyFileIfMissing(path);
    const first = readFileSync(path, 'utf8');

    expect(createChainKeyFileIfMissing(path)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(first);
  });

  it('when another process links its key first (EEXIST), that key is used and no temporary file is left', () => {
    const folder = dir();
    const path = join(folder, 'audit-chain.key');
    jest.mocked(fs.existsSync).mockImplementationOnce(() => {
      writeFileSync(path, `${'b'.repeat(64)}\n`); // the other process wins between the check and the link
      return false;
    });

    expect(createChainKeyFileIfMissing(path)).toBe(false);

    expect(readChainKeyFile(path)).toEqual(Buffer.alloc(32, 0xbb));
    expect(fs.readdirSync(folder)).toEqual(['audit-chain.key']);
  });

  it('a missing file is a configuration error naming AUDIT_CHAIN_KEY_FILE', () => {
    expect(() => readChainKeyFile(join(dir(), 'absent.key'))).toThrow(/AUDIT_CHAIN_KEY_FILE: cannot read .*absent\.key \(ENOENT\)/);
  });

  it.each([
    ['too short', 'ab'.repeat(16)],
    ['not hex', 'zz'.repeat(32)],
    ['an odd number of hex characters', 'a'.repeat(65)],
  ])('a key that is %s is refused, naming the variable and the size wanted', (_, text) => {
    const path = join(dir(), 'bad.key');
    writeFileSync(path, text);

    expect(() => readChainKeyFile(path)).toThrow(/AUDIT_CHAIN_KEY_FILE: .*must hold at least 64 hex characters \(32 bytes\)/);
  });
});
