import { ModuleCallError } from '../errors/module-call.error';
import { assertMessageDepth, jsonTextNestsDeeperThan, MAX_MESSAGE_DEPTH, nestsDeeperThan } from './message-depth';

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('message depth', () => {
  it('counts nested objects and arrays of a parsed value, without recursion', () => {
    expect(nestsDeeperThan(JSON.parse(nested(3)), 3)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(nested(4)), 3)).toBe(true);
    expect(nestsDeeperThan({ a: 1, b: 'x', c: null }, 1)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [{}] } }, 3)).toBe(true);
    expect(nestsDeeperThan('scalar', 0)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(nested(15_000)), 64)).toBe(true);
  });

  it('counts nesting in JSON text, ignoring brackets inside strings and escaped quotes', () => {
    expect(jsonTextNestsDeeperThan('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(jsonTextNestsDeeperThan('{"a":{"b":[{}]}}', 3)).toBe(true);
    expect(jsonTextNestsDeeperThan('{"a":"[[[[{{{{\\"[[[["}', 1)).toBe(false);
    expect(jsonTextNestsDeeperThan(nested(15_000), 32)).toBe(true);
    expect(jsonTextNestsDeeperThan('[],[],[]', 1)).toBe(false);
  });

  it('refuses a message deeper than the in-process limit with PAYLOAD_TOO_DEEP naming the limit', () => {
    expect(() => assertMessageDepth(JSON.parse(nested(MAX_MESSAGE_DEPTH)))).not.toThrow();
    let error: unknown;
    try {
      assertMessageDepth(JSON.parse(nested(MAX_MESSAGE_DEPTH + 1)));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ModuleCallError);
    expect((error as ModuleCallError).body).toEqual({ status: 400, code: 'PAYLOAD_TOO_DEEP', message: expect.stringContaining('64') });
  });
});
