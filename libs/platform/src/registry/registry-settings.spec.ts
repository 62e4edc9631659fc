import { readRegistrySettings } from './registry-settings';

const read = (env: NodeJS.ProcessEnv) => {
  const problems: string[] = [];
  return { settings: readRegistrySettings(env, problems), problems };
};

describe('registry settings (ADR 0029)', () => {
  it('beats every second and forgets after three missed beats by default', () => {
    expect(read({})).toEqual({ settings: { heartbeatMs: 1000, expiryMs: 3000 }, problems: [] });
    expect(read({ REGISTRY_HEARTBEAT_MS: '500' }).settings).toEqual({ heartbeatMs: 500, expiryMs: 1500 });
  });

  it('names the variable to fix when a value is not a usable interval', () => {
    expect(read({ REGISTRY_HEARTBEAT_MS: 'often' }).problems).toEqual([
      expect.stringContaining('REGISTRY_HEARTBEAT_MS must be an integer of at least 100 (got "often")'),
    ]);
    expect(read({ REGISTRY_HEARTBEAT_MS: '10' }).problems[0]).toMatch(/REGISTRY_HEARTBEAT_MS must be an integer of at least 100/);
  });

  it('refuses an expiry that a live instance would outlast between two beats', () => {
    expect(read({ REGISTRY_HEARTBEAT_MS: '2000', REGISTRY_EXPIRY_MS: '1500' }).problems).toEqual([
      expect.stringMatching(/REGISTRY_EXPIRY_MS \(1500\) must be longer than REGISTRY_HEARTBEAT_MS \(2000\)/),
    ]);
  });
});
