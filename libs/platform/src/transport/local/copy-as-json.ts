/**
 * What a value would be after a trip over a wire: plain JSON, nothing shared with the original.
 * Dates become strings and `undefined` fields disappear, exactly as they would over TCP.
 */
export function copyAsJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
