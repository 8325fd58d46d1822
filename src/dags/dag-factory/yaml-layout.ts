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
