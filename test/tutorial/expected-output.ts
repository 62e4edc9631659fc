/**
 * Whether a command printed what its ```console block shows. Blank lines and trailing spaces do
 * not count, and a run of spaces matches any run of spaces (table columns are as wide as their
 * widest cell); `…` within a line stands for any text; a line that is only `…` for any number of
 * lines (none included). Every other line must be there, in the same order, with nothing between.
 * Returns undefined on a match, else which expected line was not found where it should be.
 */
export function mismatch(expected: string[], output: string): string | undefined {
  const want = significantLines(expected.join('\n'));
  const got = significantLines(output.replace(/\x1b\[[0-9;]*m/g, '')); // eslint-disable-line no-control-regex -- colour codes
  if (want.length === 0) return undefined;
  const seen = new Map<string, boolean>();
  let furthest = 0;
  const matches = (w: number, g: number): boolean => {
    const key = `${w},${g}`;
    if (seen.has(key)) return seen.get(key)!;
    furthest = Math.max(furthest, w);
    let result: boolean;
    if (w === want.length) result = g === got.length;
    else if (want[w] === '…') result = matches(w + 1, g) || (g < got.length && matches(w, g + 1));
    else result = g < got.length && lineMatches(want[w], got[g]) && matches(w + 1, g + 1);
    seen.set(key, result);
    return result;
  };
  if (matches(0, 0)) return undefined;
  return furthest < want.length ? `expected the line "${want[furthest]}"` : 'expected no more lines after the last one shown';
}

function significantLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '');
}

function lineMatches(expected: string, actual: string): boolean {
  const pattern = expected
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, ' +'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(actual);
}
