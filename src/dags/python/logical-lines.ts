/**
 * Python's logical lines, found by a scan of the text (no parse): where each statement line starts and ends, its
 * indentation, and whether it opens a block. Strings (prefixed, triple-quoted, f-strings with nested fields),
 * comments, brackets and backslash continuations are followed as Python's tokenizer does. A text this scan is not
 * sure about (an unterminated string, unbalanced brackets, tabs or form feeds in indentation, a lone `\r`, NUL)
 * gives null: such a file is parsed whole.
 */
export interface LogicalLines {
  count: number;
  /** Index of the line's first character (its indentation included). */
  starts: Int32Array;
  /** Index after its last character: after the `\n` that ends it, or the end of the text. */
  ends: Int32Array;
  /** 0-based row of its first physical line. */
  rows: Int32Array;
  /** 0-based row where it ends (the row after it when a `\n` ends it). */
  endRows: Int32Array;
  /** Columns of indentation (spaces only). */
  indents: Int32Array;
  /** `SINGLE` when it is one physical line; `HEADER` when it ends with `:` (it opens a block). */
  flags: Uint8Array;
}

export const SINGLE = 1;
export const HEADER = 2;

const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const FF = 12;
const HASH = 35;
const BACKSLASH = 92;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** The logical lines of a Python text, or null when the scan cannot be sure of them. */
export function logicalLines(source: string): LogicalLines | null {
  if (source.includes('\0') || /\r(?!\n)/.test(source)) return null;
  let capacity = 1;
  for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) capacity += 1;
  const scanner = new Scanner(source, capacity);
  try {
    return scanner.scan();
  } catch (error) {
    if (error instanceof Unsure) return null;
    throw error;
  }
}

/** One logical line read from `start` (a line start outside any statement), at 0-based `row`; null when unsure. */
export interface LineScan {
  end: number;
  endRow: number;
  /** `SINGLE`, `HEADER`. */
  flags: number;
}

export function logicalLineAt(source: string, start: number, row: number): LineScan | null {
  const scanner = new Scanner(source, 0);
  try {
    return scanner.one(start, row);
  } catch (error) {
    if (error instanceof Unsure) return null;
    throw error;
  }
}

class Unsure extends Error {}

/** A physical line without strings, comments, brackets or backslashes: a logical line by itself. */
const PLAIN = /[^\n#'"\\()[\]{}]*(?:\n|$)/y;
const WHITE = new Set([NL, CR, SPACE, TAB, FF]);

class Scanner {
  private at = 0;
  private row = 0;
  private count = 0;
  private starts: Int32Array;
  private ends: Int32Array;
  private rows: Int32Array;
  private endRows: Int32Array;
  private indents: Int32Array;
  private flags: Uint8Array;
  /** What the last logical line scanned was: `SINGLE`, `HEADER`. */
  private kind = 0;

  constructor(private readonly source: string, capacity: number) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.rows = new Int32Array(capacity);
    this.endRows = new Int32Array(capacity);
    this.indents = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  scan(): LogicalLines {
    const { source } = this;
    while (this.at < source.length) {
      const lineStart = this.at;
      let column = 0;
      while (source.charCodeAt(this.at) === SPACE) {
        this.at += 1;
        column += 1;
      }
      const first = source.charCodeAt(this.at);
      if (first === TAB || first === FF) throw new Unsure();
      if (Number.isNaN(first)) break;
      if (first === NL || first === CR || first === HASH) {
        this.skipLine();
        continue;
      }
      const row = this.row;
      this.logicalLine();
      const at = this.count;
      this.starts[at] = lineStart;
      this.ends[at] = this.at;
      this.rows[at] = row;
      this.endRows[at] = this.row;
      this.indents[at] = column;
      this.flags[at] = this.kind;
      this.count += 1;
    }
    const { count } = this;
    return {
      count,
      starts: this.starts.subarray(0, count),
      ends: this.ends.subarray(0, count),
      rows: this.rows.subarray(0, count),
      endRows: this.endRows.subarray(0, count),
      indents: this.indents.subarray(0, count),
      flags: this.flags.subarray(0, count),
    };
  }

  /** The logical line at `start`, which must begin with its indentation. */
  one(start: number, row: number): LineScan {
    this.at = start;
    this.row = row;
    while (this.source.charCodeAt(this.at) === SPACE) this.at += 1;
    this.logicalLine();
    return { end: this.at, endRow: this.row, flags: this.kind };
  }

  /** Past the end of the physical line (its `\n` included). */
  private skipLine(): void {
    const end = this.source.indexOf('\n', this.at);
    this.at = end === -1 ? this.source.length : end + 1;
    if (end !== -1) this.row += 1;
  }

  /** Scans one logical line from its first character; leaves `at` after the `\n` that ends it, and sets `kind`. */
  private logicalLine(): void {
    const { source } = this;
    PLAIN.lastIndex = this.at;
    if (PLAIN.test(source)) {
      const end = PLAIN.lastIndex;
      const newline = source.charCodeAt(end - 1) === NL;
      this.at = end;
      if (newline) this.row += 1;
      let last = end - 1;
      while (last > 0 && WHITE.has(source.charCodeAt(last))) last -= 1;
      this.kind = SINGLE | (source.charCodeAt(last) === COLON ? HEADER : 0);
      return;
    }
    const startRow = this.row;
    let depth = 0;
    let last = 0;
    while (this.at < source.length) {
      const code = source.charCodeAt(this.at);
      if (code === NL) {
        this.at += 1;
        this.row += 1;
        if (depth === 0) {
          this.kind = (this.row - 1 === startRow ? SINGLE : 0) | (last === COLON ? HEADER : 0);
          return;
        }
        continue;
      }
      if (code === HASH) {
        const end = source.indexOf('\n', this.at);
        this.at = end === -1 ? source.length : end;
        continue;
      }
      if (code === BACKSLASH) {
        this.continuation();
        continue;
      }
      if (code === 39 || code === 34) {
        this.string();
        last = code;
        continue;
      }
      if (code === 40 || code === 91 || code === OPEN_BRACE) depth += 1;
      else if (code === 41 || code === 93 || code === CLOSE_BRACE) depth -= 1;
      if (depth < 0) throw new Unsure();
      if (code !== SPACE && code !== TAB && code !== CR && code !== FF) last = code;
      this.at += 1;
    }
    if (depth !== 0) throw new Unsure();
    this.kind = (this.row === startRow ? SINGLE : 0) | (last === COLON ? HEADER : 0);
  }

  /** A backslash outside strings: only a line continuation is valid. */
  private continuation(): void {
    const { source } = this;
    const next = source.charCodeAt(this.at + 1);
    if (next === NL) this.at += 2;
    else if (next === CR && source.charCodeAt(this.at + 2) === NL) this.at += 3;
    else throw new Unsure();
    this.row += 1;
  }

  /** A string literal starting at `at` (its prefix already passed); leaves `at` after its closing quote. */
  private string(): void {
    const { source } = this;
    const quote = source.charCodeAt(this.at);
    const prefix = stringPrefix(source, this.at);
    const triple = source.charCodeAt(this.at + 1) === quote && source.charCodeAt(this.at + 2) === quote;
    this.at += triple ? 3 : 1;
    const formatted = /[fFtT]/.test(prefix);
    while (this.at < source.length) {
      const code = source.charCodeAt(this.at);
      if (code === BACKSLASH) {
        const next = source.charCodeAt(this.at + 1);
        if (next === NL) this.row += 1;
        this.at += next === CR && source.charCodeAt(this.at + 2) === NL ? 3 : 2;
        if (next === CR) this.row += 1;
        continue;
      }
      if (code === quote) {
        if (!triple) {
          this.at += 1;
          return;
        }
        if (source.charCodeAt(this.at + 1) === quote && source.charCodeAt(this.at + 2) === quote) {
          this.at += 3;
          return;
        }
      }
      if (code === NL) {
        if (!triple) throw new Unsure();
        this.row += 1;
      }
      if (formatted && code === OPEN_BRACE) {
        if (source.charCodeAt(this.at + 1) === OPEN_BRACE) {
          this.at += 2;
          continue;
        }
        this.at += 1;
        this.replacementField(triple);
        continue;
      }
      this.at += 1;
    }
    throw new Unsure();
  }

  /** An f-string's `{…}` after its `{`: code, then an optional format spec with nested fields; ends after `}`. */
  private replacementField(triple: boolean): void {
    const { source } = this;
    let depth = 0;
    let spec = false;
    while (this.at < source.length) {
      const code = source.charCodeAt(this.at);
      if (code === NL) {
        if (!triple) throw new Unsure();
        this.row += 1;
      }
      if (code === 39 || code === 34) {
        if (spec) throw new Unsure();
        this.string();
        continue;
      }
      if (!spec && code === HASH) throw new Unsure();
      if (code === CLOSE_BRACE && depth === 0) {
        this.at += 1;
        return;
      }
      if (spec && code === OPEN_BRACE) {
        this.at += 1;
        this.replacementField(triple);
        continue;
      }
      if (!spec) {
        if (code === 40 || code === 91 || code === OPEN_BRACE) depth += 1;
        else if (code === 41 || code === 93 || code === CLOSE_BRACE) depth -= 1;
        else if (code === COLON && depth === 0) spec = true;
      }
      this.at += 1;
    }
    throw new Unsure();
  }
}

/** The letters written just before a quote (`rb`, `f`), when they form a prefix rather than end a name. */
function stringPrefix(source: string, quoteAt: number): string {
  let start = quoteAt;
  while (start > 0 && /[a-zA-Z]/.test(source.charAt(start - 1)) && quoteAt - start < 2) start -= 1;
  if (start > 0 && /[\w\u0080-\uffff]/.test(source.charAt(start - 1))) return '';
  return source.slice(start, quoteAt);
}
