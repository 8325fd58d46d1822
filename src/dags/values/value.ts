import type { SourceRange } from '../types.js';

/**
 * A value as written in a DAG file, the same for Python and dag-factory YAML: families read settings from these
 * trees and never from a parser's nodes. Module constants (and YAML anchors) are already followed: `via` names them.
 */
export type Value = DictValue | ListValue | ScalarValue | OpaqueValue;

/** A name read on the way to a value: `conf=SPARK_CONF` reads `SPARK_CONF` at `range`; a YAML `*alias` too. */
export interface ConstantReference {
  name: string;
  range: SourceRange;
  line: number;
  /** For a function's local name: the function (its readers are those in it); absent for a module-level name. */
  scope?: SourceRange;
  /** The value the name holds (Python), so that a reader of its length can tell whether an edit changes it. */
  holds?: SourceRange;
}

interface ValueBase {
  /** The whole node, quotes and brackets included. */
  range: SourceRange;
  /** 1-based line where the node starts. */
  line: number;
  /** Shared names (module constants, YAML anchors) read to reach this value, outermost first. */
  via: ConstantReference[];
  /** The parser's node, for the format's edit syntax only. */
  origin: unknown;
}

/** A dict (YAML mapping) literal. */
export interface DictValue extends ValueBase {
  kind: 'dict';
  entries: DictEntry[];
  /** What may hide any key: `**base`, a computed key, a YAML merge key. */
  problems: ValueProblem[];
}

export interface DictEntry {
  key: string;
  value: Value;
  line: number;
  origin: unknown;
}

/** A list or tuple (YAML sequence) literal. */
export interface ListValue extends ValueBase {
  kind: 'list';
  items: Value[];
  /** What may hide items: `*base`. */
  problems: ValueProblem[];
}

/**
 * A string, number, boolean or null literal. `segments` map the text back to the source: a string written as
 * several literals, or with escape sequences, has several; a segment with `start: null` is not the source's
 * characters (an escape sequence, a folded line break) and cannot be edited.
 */
export interface ScalarValue extends ValueBase {
  kind: 'string' | 'number' | 'boolean' | 'null';
  text: string;
  segments: TextSegment[];
  /** How the scalar is written: `"`, `'`, `'''`, or '' (unquoted), for the edit syntax. */
  quote: string;
}

export interface TextSegment {
  text: string;
  start: number | null;
}

/** Anything else: an f-string, a call, `Variable.get(…)`, an undefined name. */
export interface OpaqueValue extends ValueBase {
  kind: 'opaque';
  /** Ends a sentence: "is built by an f-string". */
  reason: string;
  /** Text it is sure to start with (`"s3://" + BUCKET`, `f"s3://{b}/x.py"`), when there is some. */
  prefix?: string;
}

export interface ValueProblem {
  /** Ends a sentence: "merges another dict with **BASE". */
  reason: string;
  line: number;
}

/** The last entry of a dict with this key (the one Python and YAML keep), or null. */
export function entryOf(dict: DictValue, key: string): DictEntry | null {
  return dict.entries.findLast((entry) => entry.key === key) ?? null;
}

/** The value of the last entry with this key, or null. */
export function valueOf(dict: DictValue, key: string): Value | null {
  return entryOf(dict, key)?.value ?? null;
}

/** The text of a plain string scalar, or null. */
export function stringText(value: Value | null): string | null {
  return value?.kind === 'string' ? value.text : null;
}
