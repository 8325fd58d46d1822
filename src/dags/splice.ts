import type { SourceRange } from './types.js';

/** Replaces the text at `range` when it still is `expected` (Renovate-style); null instead of guessing. */
export function spliceValue(source: string, range: SourceRange, expected: string, replacement: string): string | null {
  if (range.start < 0 || range.end > source.length || range.start > range.end) return null;
  if (source.slice(range.start, range.end) !== expected) return null;
  return source.slice(0, range.start) + replacement + source.slice(range.end);
}
