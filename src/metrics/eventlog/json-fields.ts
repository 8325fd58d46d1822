/**
 * Safe readers for the loosely typed JSON of Spark events. Event logs come from many Spark
 * versions and vendors, so every field may be absent or of another type: readers return
 * `undefined` instead of throwing, and callers choose the default.
 */
export type JsonObject = Record<string, unknown>;

/** The nested object under `key`, or undefined. */
export function objectField(value: unknown, key: string): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const field = value[key];
  return isObject(field) ? field : undefined;
}

/** The finite number under `key`, or undefined. */
export function numberField(value: unknown, key: string): number | undefined {
  if (!isObject(value)) return undefined;
  const field = value[key];
  return typeof field === 'number' && Number.isFinite(field) ? field : undefined;
}

/** The string under `key`, or undefined. */
export function stringField(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
