import type { Splice } from './edit-syntax.js';

/** Where the line holding `index` ends: the index of its `\r\n` or `\n`, or the end of the text. */
export function endOfLine(source: string, index: number): number {
  const newline = source.indexOf('\n', index);
  if (newline === -1) return source.length;
  return source[newline - 1] === '\r' ? newline - 1 : newline;
}

/** Where the line holding `index` starts. */
export function startOfLine(source: string, index: number): number {
  return source.lastIndexOf('\n', index - 1) + 1;
}

/** True when only spaces and tabs come before `index` on its line. */
export function startsItsLine(source: string, index: number): boolean {
  return /^[ \t]*$/.test(source.slice(startOfLine(source, index), index));
}

/** The spaces and tabs that start the line holding `index`. */
export function indentationAt(source: string, index: number): string {
  const start = startOfLine(source, index);
  return /^[ \t]*/.exec(source.slice(start, index))?.[0] ?? '';
}

/** The line ending the file uses: `\r\n` when its first line ends so, else `\n`. */
export function lineEnding(source: string): string {
  const newline = source.indexOf('\n');
  return newline > 0 && source[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** A splice that inserts `text` at `at`, checked against the few characters before it. */
export function insertion(source: string, at: number, text: string): Splice {
  return { start: at, end: at, expected: '', replacement: text, preceding: source.slice(Math.max(0, at - 16), at) };
}
