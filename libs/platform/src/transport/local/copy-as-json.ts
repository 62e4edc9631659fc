import { MAX_MESSAGE_DEPTH } from '../../envelope/message-depth';

/** Deeper than any contract payload; a cycle or a hostile nesting stops here instead of the stack (as at the gate). */
const MAX_DEPTH = MAX_MESSAGE_DEPTH;

/**
 * What a value would be after a trip over a wire — `JSON.parse(JSON.stringify(value))` — built
 * without the text in between: plain objects and arrays, nothing shared with the original.
 * Dates (anything with `toJSON`) become what they serialise to, `undefined`, functions and
 * symbols disappear from objects and become `null` in arrays, non-finite numbers become `null`.
 */
export function copyAsJson<T>(value: T): T {
  return copy(value, '', 0) as T;
}

function copy(value: unknown, key: string, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      return value === null ? null : copyObject(value as Record<string, unknown>, key, depth);
    case 'bigint':
      throw new TypeError('a BigInt cannot travel as JSON');
    default:
      return undefined;
  }
}

function copyObject(value: Record<string, unknown>, key: string, depth: number): unknown {
  if (depth >= MAX_DEPTH) throw new TypeError(`a message nested deeper than ${MAX_DEPTH} levels (or a cycle) cannot travel as JSON`);
  if (typeof value.toJSON === 'function') return copy((value.toJSON as (key: string) => unknown)(key), key, depth + 1);
  if (Array.isArray(value)) return value.map((item: unknown, index) => copy(item, String(index), depth + 1) ?? null);
  const result: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    const copied = copy(value[name], name, depth + 1);
    if (copied !== undefined) result[name] = copied;
  }
  return result;
}
