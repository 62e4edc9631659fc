import { ModuleCallError } from '../errors/module-call.error';

/** Deeper than any contract payload; the same bound `copyAsJson` puts on in-process calls. */
export const MAX_MESSAGE_DEPTH = 64;

/**
 * Whether a parsed value nests more than `limit` objects/arrays, found without recursion (an
 * explicit stack), so a hostile nesting costs a loop, never the call stack.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Whether JSON text nests more than `limit` objects/arrays: one pass over the characters,
 * counting `{`/`[` outside strings. Cheap enough to run before `JSON.parse` on every body.
 */
export function jsonTextNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** What a message from a wire gets when it nests too deep, before anything recursive touches it. */
export function tooDeepError(limit: number): ModuleCallError {
  return new ModuleCallError({ status: 400, code: 'PAYLOAD_TOO_DEEP', message: `the message nests deeper than ${limit} levels` });
}

/** The gate's first check: a message nesting deeper than `MAX_MESSAGE_DEPTH` is refused unread. */
export function assertMessageDepth(message: unknown): void {
  if (nestsDeeperThan(message, MAX_MESSAGE_DEPTH)) throw tooDeepError(MAX_MESSAGE_DEPTH);
}
