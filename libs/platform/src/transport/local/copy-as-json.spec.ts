import { copyAsJson } from './copy-as-json';

const viaText = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('copyAsJson', () => {
  it.each([
    ['a plain object', { a: 1, b: 'two', c: [true, null, { d: 4.5 }] }],
    ['a date, anywhere', { at: new Date(0), list: [new Date(1)] }],
    ['undefined fields and functions', { gone: undefined, fn: () => 1, kept: 0, list: [undefined, () => 1, 1] }],
    ['non-finite numbers', { nan: NaN, inf: Infinity, list: [-Infinity] }],
    [
      'a class instance',
      new (class Point {
        constructor(
          readonly x = 1,
          readonly y = 2,
        ) {}
      })(),
    ],
  ])('gives what a trip through JSON gives: %s', (_, value) => {
    expect(copyAsJson(value)).toEqual(viaText(value));
  });

  it('shares nothing with the original', () => {
    const original = { list: [{ n: 1 }], nested: { deep: { n: 2 } } };
    const copied = copyAsJson(original);
    copied.list[0].n = 9;
    copied.nested.deep.n = 9;
    expect(original).toEqual({ list: [{ n: 1 }], nested: { deep: { n: 2 } } });
  });

  it('refuses a cycle or a hostile depth with an error, not a stack overflow', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => copyAsJson(cyclic)).toThrow(TypeError);
    let deep: unknown = {};
    for (let i = 0; i < 15_000; i++) deep = { deep };
    expect(() => copyAsJson(deep)).toThrow(/deeper than/);
  });
});
