import type { Splice, SpliceResult } from '../edit-syntax.js';
import { lineEnding } from '../text-layout.js';

/** The index of the last character before `end` that is not white space. */
export function lastContent(source: string, end: number): number {
  let at = end - 1;
  while (at > 0 && /\s/.test(source.charAt(at))) at -= 1;
  return at;
}

/** The line ending at `at` (the file's own when `at` is its end). */
export function eolAt(source: string, at: number): string {
  if (source.startsWith('\r\n', at)) return '\r\n';
  return at >= source.length ? lineEnding(source) : '\n';
}

/** A successful result. */
export function splices(list: Splice[]): SpliceResult {
  return { kind: 'splices', splices: list };
}

/** A refusal; `reason` ends a sentence. */
export function refused(reason: string): SpliceResult {
  return { kind: 'refused', reason };
}
