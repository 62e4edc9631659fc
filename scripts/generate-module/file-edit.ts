import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A registration file could not be edited: names the file and the text that was expected in it. */
export class AnchorNotFoundError extends Error {
  constructor(file: string, expected: string) {
    super(
      `${file}: expected to find ${expected} — has the file changed shape? Register the module there by hand, or update scripts/generate-module/registrations.ts`,
    );
  }
}

/** One edit of one file: returns the new text, or throws AnchorNotFoundError. */
export type TextEdit = (text: string, file: string) => string;

/** Applies `edits` to `root/file` in order and writes it back if anything changed. */
export function editFile(root: string, file: string, ...edits: TextEdit[]): boolean {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = edits.reduce((text, edit) => edit(text, file), before);
  if (after !== before) writeFileSync(path, after);
  return after !== before;
}

/** Inserts `line` before the text `anchor`, unless `line` is already in the file. */
export const insertBefore =
  (anchor: string | RegExp, line: string): TextEdit =>
  (text, file) => {
    if (text.includes(line)) return text;
    const at = typeof anchor === 'string' ? text.indexOf(anchor) : text.search(anchor);
    if (at < 0) throw new AnchorNotFoundError(file, String(anchor));
    return text.slice(0, at) + line + text.slice(at);
  };

/**
 * Inserts `entry` before the `\n}` that closes the object literal opened by `declaration`
 * (e.g. `export const HOSTABLE_MODULES`), unless `entry` is already in the file.
 */
export const addToObjectLiteral =
  (declaration: string, entry: string): TextEdit =>
  (text, file) => {
    if (text.includes(entry)) return text;
    const start = text.indexOf(declaration);
    const end = start < 0 ? -1 : text.indexOf('\n};', start);
    if (end < 0) throw new AnchorNotFoundError(file, `${declaration} = { … } closed by a line "};"`);
    return `${text.slice(0, end)}\n${entry}${text.slice(end)}`;
  };

/** Appends `item` to the list matched by `list` (whose first group is the list's contents), unless present. */
export const appendToList =
  (list: RegExp, item: string, separator = ', '): TextEdit =>
  (text, file) => {
    const match = list.exec(text);
    if (!match) throw new AnchorNotFoundError(file, String(list));
    const items = match[1];
    if (
      items
        .split(separator.trim())
        .map((s) => s.trim())
        .includes(item)
    )
      return text;
    const at = match.index + match[0].indexOf(items) + items.length;
    return text.slice(0, at) + separator + item + text.slice(at);
  };

/** Replaces the first `from` with `to`, unless `to` is already there. */
export const replaceOnce =
  (from: string, to: string): TextEdit =>
  (text, file) => {
    if (text.includes(to)) return text;
    if (!text.includes(from)) throw new AnchorNotFoundError(file, JSON.stringify(from));
    return text.replace(from, to);
  };
