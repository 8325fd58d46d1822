import type { Splice } from './edit-syntax.js';

/**
 * Applies splices right to left (offsets to the left stay valid), checking that each still finds the text it
 * expects; null when one does not, or when two overlap.
 */
export function applySplices(source: string, splices: Splice[]): string | null {
  const ordered = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let content = source;
  let limit = Number.POSITIVE_INFINITY;
  let insertedAt = Number.NaN;
  for (const splice of ordered) {
    if (splice.start < 0 || splice.end > source.length || splice.start > splice.end || splice.end > limit) return null;
    if (splice.start === splice.end && splice.start === insertedAt) return null;
    if (source.slice(splice.start, splice.end) !== splice.expected) return null;
    if (splice.preceding !== undefined && !source.slice(0, splice.start).endsWith(splice.preceding)) return null;
    content = content.slice(0, splice.start) + splice.replacement + content.slice(splice.end);
    limit = splice.start;
    insertedAt = splice.start === splice.end ? splice.start : Number.NaN;
  }
  return content;
}
