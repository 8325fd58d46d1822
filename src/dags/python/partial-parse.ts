import type { Range } from 'web-tree-sitter';
import type { Splice } from '../edit-syntax.js';
import { HEADER, logicalLineAt, logicalLines, SINGLE, type LogicalLines } from './logical-lines.js';

/**
 * A large file parsed in part: tree-sitter parses only the statements that may matter (tree-sitter's included
 * ranges, so nodes keep their places in the whole text), and leaves out simple statements that are valid Python
 * for certain (`a = 1`, `x.y += f"…"` is not one: only names, numbers, plain strings and operators on one line).
 * Everything is found through the places a name is written (`identifiersNamed`): a name written in a statement
 * left out marks it missed, and the reader runs again on a tree that includes it. Block headers and the first
 * statement of every block are always parsed, so the tree has the file's structure; a parse with an error is
 * redone on the whole text, which then says where the error is.
 */
export interface PartialText {
  lines: LogicalLines;
  /** 1 for each logical line tree-sitter parses. */
  included: Uint8Array;
  /** Logical lines left out that a reader needed (a name written there). */
  missed: Set<number>;
}

/** When a text is parsed in part. */
export interface PartialParsePolicy {
  /** Texts of at least this many characters (smaller ones cost little to parse whole). */
  fromCharacters: number;
  /** When the statements to parse make up at most this share of the text (else the whole is parsed). */
  maxShare: number;
}

/**
 * A run of comment lines: tree-sitter's Python grammar takes time quadratic in its length (4,000 lines: seconds),
 * so a text with one is parsed in part whatever its size (comment lines between statements are left out).
 */
const COMMENT_RUN = /(?:^[ \t]*#[^\n]*\n){100}/m;

const DEFAULT_POLICY: PartialParsePolicy = { fromCharacters: 128 * 1024, maxShare: 0.5 };
let policy = DEFAULT_POLICY;

/** Sets when texts are parsed in part (default: from 128 K characters; tests parse every text so); no argument restores the default. */
export function setPartialParsePolicy(next: PartialParsePolicy = DEFAULT_POLICY): void {
  policy = next;
}

/** How a text is parsed in part, or null when it is parsed whole (small, or not scanned with certainty). */
export function partialText(source: string): PartialText | null {
  if (source.length < policy.fromCharacters && !COMMENT_RUN.test(source)) return null;
  const lines = logicalLines(source);
  if (!lines) return null;
  const included = new Uint8Array(lines.count);
  const consistent = indentationConsistent(lines);
  let characters = 0;
  for (let index = 0; index < lines.count; index += 1) {
    const afterHeader = index > 0 && ((lines.flags[index - 1] ?? 0) & HEADER) !== 0;
    if (!afterHeader && consistent[index] === 1 && skippable(source, lines, index)) continue;
    included[index] = 1;
    characters += (lines.ends[index] ?? 0) - (lines.starts[index] ?? 0);
  }
  if (characters > policy.maxShare * source.length) return null;
  return { lines, included, missed: new Set() };
}

/**
 * How `content`, which is a text parsed in part with `splices` applied, is parsed in part: the same statements
 * (those the readers of the text brought in included), shifted, without scanning the whole text again. Null when
 * a splice is not inside one included statement, or the statement it is in no longer ends where it did.
 */
export function editedPartialText(partial: PartialText, splices: Splice[], content: string): PartialText | null {
  const old = partial.lines;
  const lines: LogicalLines = {
    count: old.count, starts: old.starts.slice(), ends: old.ends.slice(), rows: old.rows.slice(),
    endRows: old.endRows.slice(), indents: old.indents, flags: old.flags.slice(),
  };
  const sorted = [...splices].sort((a, b) => a.start - b.start);
  let shift = 0;
  let rowShift = 0;
  let next = 0;
  for (let index = 0; index < old.count; index += 1) {
    const start = old.starts[index] ?? 0;
    const end = old.ends[index] ?? 0;
    lines.starts[index] = start + shift;
    lines.rows[index] = (old.rows[index] ?? 0) + rowShift;
    let touched = false;
    while (next < sorted.length && (sorted[next]?.start ?? 0) < end) {
      const splice = sorted[next] as Splice;
      if (splice.start < start + (old.indents[index] ?? 0) || splice.end >= end || partial.included[index] !== 1) return null;
      shift += splice.replacement.length - (splice.end - splice.start);
      rowShift += newlines(splice.replacement) - newlines(splice.expected);
      touched = true;
      next += 1;
    }
    lines.ends[index] = end + shift;
    lines.endRows[index] = (old.endRows[index] ?? 0) + rowShift;
    if (!touched) continue;
    const scan = logicalLineAt(content, lines.starts[index] ?? 0, lines.rows[index] ?? 0);
    if (!scan || scan.end !== lines.ends[index] || scan.endRow !== lines.endRows[index]) return null;
    if ((scan.flags & HEADER) !== ((old.flags[index] ?? 0) & HEADER)) return null;
    lines.flags[index] = scan.flags;
  }
  if (next < sorted.length || (lines.ends[old.count - 1] ?? content.length) > content.length) return null;
  return { lines, included: partial.included.slice(), missed: new Set() };
}

function newlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/**
 * True when `index` lies in a statement left out of the parse (it is then marked missed, so that a reader
 * that looked for something written there runs again with it).
 */
export function missedAt(partial: PartialText, index: number): boolean {
  const { starts, ends } = partial.lines;
  let low = 0;
  let high = partial.lines.count - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= index) low = middle;
    else high = middle - 1;
  }
  if (partial.lines.count === 0 || index < (starts[low] ?? 0) || index >= (ends[low] ?? 0)) return false;
  if (partial.included[low] === 1) return false;
  partial.missed.add(low);
  return true;
}

/** Includes the missed statements; false when none was missed. */
export function includeMissed(partial: PartialText): boolean {
  if (partial.missed.size === 0) return false;
  for (const index of partial.missed) partial.included[index] = 1;
  partial.missed.clear();
  return true;
}

/**
 * The included statements as tree-sitter ranges, next-door neighbours merged. Blank and comment lines between
 * statements are left out (tree-sitter's Python grammar takes time quadratic in a run of comment lines).
 */
export function includedRanges(source: string, partial: PartialText): Range[] {
  const { lines, included } = partial;
  const ranges: Range[] = [];
  let open = -1;
  for (let index = 0; index <= lines.count; index += 1) {
    const adjacent = index > 0 && lines.starts[index] === lines.ends[index - 1];
    if (index < lines.count && included[index] === 1 && (open === -1 || adjacent)) {
      if (open === -1) open = index;
      continue;
    }
    if (open === -1) continue;
    const last = index - 1;
    const endIndex = lines.ends[last] ?? source.length;
    const endRow = lines.endRows[last] ?? 0;
    ranges.push({
      startIndex: lines.starts[open] ?? 0,
      endIndex,
      startPosition: { row: lines.rows[open] ?? 0, column: 0 },
      endPosition: { row: endRow, column: endIndex - (source.lastIndexOf('\n', endIndex - 1) + 1) },
    });
    open = index < lines.count && included[index] === 1 ? index : -1;
  }
  return ranges;
}

/**
 * 1 for each line whose indentation Python accepts: deeper only right after a header, else back to a level
 * still open. A line that breaks this is parsed, so that tree-sitter reports it.
 */
function indentationConsistent(lines: LogicalLines): Uint8Array {
  const consistent = new Uint8Array(lines.count);
  const levels = [0];
  for (let index = 0; index < lines.count; index += 1) {
    const indent = lines.indents[index] ?? 0;
    const afterHeader = index > 0 && ((lines.flags[index - 1] ?? 0) & HEADER) !== 0;
    const top = levels.at(-1) ?? 0;
    if (afterHeader) {
      if (indent <= top) continue;
      levels.push(indent);
    } else {
      if (indent > top) continue;
      while (indent < (levels.at(-1) ?? 0)) levels.pop();
      if (levels.at(-1) !== indent) continue;
    }
    consistent[index] = 1;
  }
  return consistent;
}

const KEYWORDS = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'case', 'class', 'continue', 'def',
  'del', 'elif', 'else', 'except', 'exec', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
  'lambda', 'match', 'nonlocal', 'not', 'or', 'pass', 'print', 'raise', 'return', 'try', 'type', 'while', 'with',
  'yield',
].join('|');
const NAME = `(?!(?:${KEYWORDS})(?![A-Za-z0-9_]))[A-Za-z_][A-Za-z0-9_]*`;
const DOTTED = `${NAME}(?:\\.${NAME})*`;
const NUMBER = '(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?![A-Za-z0-9_.])';
const STRING = `(?:"[^"\\\\\\r\\n]*"|'[^'\\\\\\r\\n]*')`;
const OPERAND = `[-+~]?(?:${DOTTED}|(?:True|False|None)(?![A-Za-z0-9_])|${NUMBER}|${STRING})`;
const OPERATOR = '(?:\\*\\*|//|<<|>>|<=|>=|==|!=|[-+*/%&|^@<>])';
const ASSIGN = '(?:\\*\\*|//|<<|>>|[-+*/%&|^@])?=(?!=)';
/** One simple statement on one line that is valid Python for certain: `a = 1`, `b += c * 2`, `x.y = "z"`, `a >> b`. */
const SIMPLE = new RegExp(
  ` *(?:${DOTTED}[ \\t]*${ASSIGN}[ \\t]*)?${OPERAND}(?:[ \\t]*${OPERATOR}[ \\t]*${OPERAND})*[ \\t]*(?:#[^\\r\\n]*)?\\r?(?:\\n|$)`,
  'y',
);

function skippable(source: string, lines: LogicalLines, index: number): boolean {
  const flags = lines.flags[index] ?? 0;
  if ((flags & SINGLE) === 0 || (flags & HEADER) !== 0) return false;
  if (index + 1 < lines.count && (lines.indents[index + 1] ?? 0) > (lines.indents[index] ?? 0)) return false;
  SIMPLE.lastIndex = lines.starts[index] ?? 0;
  return SIMPLE.test(source) && SIMPLE.lastIndex === lines.ends[index];
}
