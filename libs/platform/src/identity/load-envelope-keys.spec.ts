import { CALLER_NAMES } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPlatformConfig } from '../config/platform-config';
import { Topology, TopologySpec } from '../config/topology';
import { EnvelopeSigner } from '../envelope/envelope-signer';
import { addRotationKey, generateKeySetOnce, publishKeySet, writeKeyPairs, writeKeySetAside } from './generate-key-set';
import { readKeyFile } from './key-files';
import { loadEnvelopeKeys } from './load-envelope-keys';

const ALL_REMOTE: TopologySpec = {
  processes: {
    main: { http: { host: '127.0.0.1', port: 3000 } },
    billing: { listen: { transport: 'tcp', host: '127.0.0.1', port: 4002 } },
    notification: { listen: { transport: 'tcp', host: '127.0.0.1', port: 4003 } },
  },
  modules: { billing: { process: 'billing' }, notification: { process: 'notification' } },
};
const MONOLITH: TopologySpec = {
  processes: { main: { http: { host: '127.0.0.1', port: 3000 } } },
  modules: { billing: { process: 'main' } },
};
const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32) };

const silent = () => {
  const warnings: string[] = [];
  const logger = { warn: (message: string) => warnings.push(message) } as unknown as Logger;
  return { logger, warnings };
};

describe('loading the module keys at start', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'archipelago-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('needs no key in a monolith, in any mode', () => {
    const { logger } = silent();
    expect(() => loadEnvelopeKeys(new Topology('monolith', MONOLITH, 'main'), readPlatformConfig(PRODUCTION), logger)).not.toThrow();
  });

  it('refuses to start in production without KEYS_DIR when other processes take part, naming the files', () => {
    const start = () =>
      loadEnvelopeKeys(new Topology('all-remote', ALL_REMOTE, 'billing'), readPlatformConfig(PRODUCTION), silent().logger);
    expect(start).toThrow(/KEYS_DIR is required when NODE_ENV=production[\s\S]*billing\.key[\s\S]*gateway\.pub/);
  });

  it('refuses to start in production when a file is missing, naming it', () => {
    writeKeyPairs(dir, CALLER_NAMES);
    rmSync(join(dir, 'gateway.pub'));
    rmSync(join(dir, 'auth.key')); // not hosted by billing's process: never read
    const config = readPlatformConfig({ ...PRODUCTION, KEYS_DIR: dir });
    const start = () => loadEnvelopeKeys(new Topology('all-remote', ALL_REMOTE, 'billing'), config, silent().logger);
    expect(start).toThrow(`${join(dir, 'gateway.pub')} is missing (the public key of gateway)`);
    writeKeyPairs(join(dir, 'more'), ['gateway']);
    writeFileSync(join(dir, 'gateway.pub'), readFileSync(join(dir, 'more', 'gateway.pub')));
    expect(start).not.toThrow();
  });

  it('never generates keys in production', () => {
    const config = readPlatformConfig({ ...PRODUCTION, KEYS_DIR: dir });
    expect(() => loadEnvelopeKeys(new Topology('all-remote', ALL_REMOTE, 'billing'), config, silent().logger)).toThrow(
      /billing\.key is missing/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a key file with more than two keys, or a private key where a public one belongs', () => {
    writeKeyPairs(dir, ['billing']);
    const pem = readFileSync(join(dir, 'billing.pub'), 'utf8');
    writeFileSync(join(dir, 'three.pub'), pem + pem + pem);
    expect(() => readKeyFile(join(dir, 'three.pub'), 'public')).toThrow(/holds 3 keys; at most 2/);
    writeFileSync(join(dir, 'leaked.pub'), readFileSync(join(dir, 'billing.key')));
    expect(() => readKeyFile(join(dir, 'leaked.pub'), 'public')).toThrow(/is a PRIVATE KEY, expected a PUBLIC KEY/);
  });

  it('adds a rotation key second, keeps the current one first, and never a third', () => {
    writeKeyPairs(dir, ['billing']);
    const [current] = readKeyFile(join(dir, 'billing.key'), 'private');
    const added = addRotationKey(dir, 'billing');
    expect(readKeyFile(join(dir, 'billing.key'), 'private').map((key) => key.id)).toEqual([current.id, added]);
    expect(readKeyFile(join(dir, 'billing.pub'), 'public').map((key) => key.id)).toEqual([current.id, added]);
    expect(statSync(join(dir, 'billing.key')).mode & 0o777).toBe(0o600);
    expect(() => addRotationKey(dir, 'billing')).toThrow(/already holds two keys: finish that rotation first/);
    expect(() => writeKeyPairs(dir, ['billing'])).toThrow(/billing\.key exists: a key is never overwritten/);
  });

  it('generates a development key set on first start, says so, and uses it afterwards', () => {
    const config = readPlatformConfig({ DATA_DIR: dir });
    const first = silent();
    const billing = new EnvelopeSigner(loadEnvelopeKeys(new Topology('all-remote', ALL_REMOTE, 'billing'), config, first.logger));
    expect(first.warnings.join()).toMatch(/generated a DEVELOPMENT key set in .*keys: any process on this machine/);
    expect(readdirSync(join(dir, 'keys')).sort()).toEqual(CALLER_NAMES.flatMap((c) => [`${c}.key`, `${c}.pub`]).sort());
    expect(statSync(join(dir, 'keys', 'billing.key')).mode & 0o777).toBe(0o600);
    const again = silent();
    const gateway = new EnvelopeSigner(loadEnvelopeKeys(new Topology('all-remote', ALL_REMOTE, 'main'), config, again.logger));
    expect(again.warnings.join()).toMatch(/development mode: using the key set in .*keys/);
    const sealed = gateway.seal(
      {
        messageId: 'm',
        pattern: 'billing.plans.list.v1',
        traceparent: 't',
        caller: 'gateway',
        callee: 'billing',
        actor: { kind: 'system' },
        issuedAt: 1,
        deadline: 2,
      },
      {},
    );
    expect(billing.hasValidSignature(sealed)).toBe(true);
  });

  it('leaves one key set when two processes generate at once: the second sees the first one there and uses it', () => {
    const keys = join(dir, 'keys');
    const [first, second] = [writeKeySetAside(keys, CALLER_NAMES), writeKeySetAside(keys, CALLER_NAMES)];
    expect(publishKeySet(first, keys)).toBe(true);
    const published = readFileSync(join(keys, 'billing.key'), 'utf8');
    expect(publishKeySet(second, keys)).toBe(false);
    expect(readFileSync(join(keys, 'billing.key'), 'utf8')).toBe(published);
    expect(readdirSync(dir)).toEqual(['keys']); // the loser's set is gone
    expect(generateKeySetOnce(keys, CALLER_NAMES)).toBe(false);
    expect(readFileSync(join(keys, 'billing.key'), 'utf8')).toBe(published);
  });
});
