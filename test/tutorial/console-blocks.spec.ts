import { consoleBlocks } from './console-blocks';
import { mismatch } from './expected-output';

const doc = [
  '# Chapter',
  '```bash',
  'echo never run',
  '```',
  '```console',
  '$ npm run up -- monolith \\',
  '    --detach',
  '…',
  'main     123  up',
  '$ true',
  '```',
  '## Later',
  '```console',
  '# not run: it changes the repository; test/x.spec.ts verifies it',
  '$ npm run generate:module -- inventory',
  '```',
].join('\n');

describe('console blocks: what the tutorial test runs', () => {
  it('reads commands (with their continuation lines), their expected lines, the heading and the not-run reason; never other fences', () => {
    const [first, second] = consoleBlocks('doc.md', doc);
    expect(consoleBlocks('doc.md', doc)).toHaveLength(2);
    expect(first).toMatchObject({ heading: 'Chapter', notRun: undefined });
    expect(first.commands).toEqual([
      { command: 'npm run up -- monolith \\\n    --detach', expected: ['…', 'main     123  up'], line: 6 },
      { command: 'true', expected: [], line: 10 },
    ]);
    expect(second).toMatchObject({ heading: 'Later', notRun: 'it changes the repository; test/x.spec.ts verifies it' });
  });

  it('refuses a block whose first line is neither a command nor a not-run marker', () => {
    expect(() => consoleBlocks('doc.md', '```console\nhello\n```')).toThrow('line 2: a console block starts with "$ "');
  });
});

describe('expected output: … for varying text, a … line for lines left out', () => {
  it('matches varying text within a line, any run of spaces, and ignores blank lines', () => {
    expect(mismatch(['main  …  up'], 'main     12345  up  \n\n')).toBeUndefined();
  });

  it('needs every shown line, in order, with nothing between unless a … line says so', () => {
    expect(mismatch(['a', 'c'], 'a\nb\nc')).toBe('expected the line "c"');
    expect(mismatch(['a', '…', 'c'], 'a\nb\nc')).toBeUndefined();
    expect(mismatch(['c', 'a'], 'a\nc')).toBe('expected the line "c"');
    expect(mismatch(['a'], 'a\nb')).toBe('expected no more lines after the last one shown');
  });

  it('takes … literally nowhere else: dots and brackets in a line are plain text', () => {
    expect(mismatch(['x{a="1"} 1.5'], 'x{a="1"} 1.5')).toBeUndefined();
    expect(mismatch(['x{a="1"} 1.5'], 'x{a="1"} 105')).toBe('expected the line "x{a="1"} 1.5"');
  });

  it('checks nothing when the block shows no lines', () => {
    expect(mismatch([], 'anything')).toBeUndefined();
  });
});
