import type { Node } from 'web-tree-sitter';
import type { SourceRange } from '../types.js';
import { dottedName, lineOf } from './nodes.js';

/** A plain literal as written in the file: its text without quotes and where that text sits. */
export interface LiteralValue {
  kind: 'string' | 'number';
  value: string;
  /** The characters between the quotes (or the digits of a number). */
  range: SourceRange;
  line: number;
}

/** The value of a plain string or number literal, or null for anything else (f-strings, templates, calls …). */
export function literalValue(node: Node): LiteralValue | null {
  if (node.type === 'integer' || node.type === 'float') {
    return { kind: 'number', value: node.text, range: { start: node.startIndex, end: node.endIndex }, line: lineOf(node) };
  }
  if (node.type !== 'string' || stringProblem(node) !== null) return null;
  const start = node.firstChild;
  const end = node.lastChild;
  if (!start || !end) return null;
  const range = { start: start.endIndex, end: end.startIndex };
  return { kind: 'string', value: node.text.slice(start.endIndex - node.startIndex, end.startIndex - node.startIndex), range, line: lineOf(node) };
}

/**
 * The text of a node written as a short plain string literal (`"load_7"`: one line, no prefix, escape, brace or
 * quote inside), read from the source without asking the tree; null for anything else, which `stringLiteral` reads.
 */
export function plainStringText(source: string, node: Node): string | null {
  const text = source.slice(node.startIndex, node.endIndex);
  const match = /^(["'])([^"'\\{}\r\n]*)\1$/.exec(text);
  return match ? (match[2] ?? null) : null;
}

/** The text of a plain string literal, or null. */
export function stringLiteral(node: Node): string | null {
  const literal = literalValue(node);
  return literal?.kind === 'string' ? literal.value : null;
}

/** Why a value node is not a plain literal, as the end of a sentence: "is built by an f-string". */
export function describeNonLiteral(node: Node): string {
  if (node.type === 'string') return stringProblem(node) ?? 'is not a plain literal';
  if (node.type === 'concatenated_string') return 'is built by joining several string literals';
  if (node.type === 'binary_operator') return describeOperator(node);
  if (node.type === 'call') return describeCall(node);
  if (node.type === 'subscript' && isEnviron(node.childForFieldName('value'))) return 'is read from an environment variable';
  if (node.type === 'attribute') return `comes from ${node.text}, not a literal`;
  if (['true', 'false', 'none'].includes(node.type)) return `is ${node.text}, not a string or number`;
  return `is an expression (${node.type.replaceAll('_', ' ')}), not a plain literal`;
}

function stringProblem(node: Node): string | null {
  const prefix = (node.firstChild?.text ?? '').replace(/['"]+$/, '').toLowerCase();
  if (prefix.includes('f')) return 'is built by an f-string';
  if (prefix.includes('b')) return 'is a bytes literal';
  if (prefix.includes('t')) return 'is a template string';
  const parts = node.namedChildren.filter((child) => child.type !== 'string_start' && child.type !== 'string_end');
  if (parts.some((part) => part.type !== 'string_content')) return 'is built by an f-string';
  if (parts.some((part) => part.namedChildCount > 0)) return 'contains escape sequences';
  if (node.text.includes('{{')) return 'is an Airflow template ({{ … }}), rendered only at run time';
  return null;
}

function describeOperator(node: Node): string {
  const operator = node.childForFieldName('operator')?.text;
  if (operator === '+') return 'is built with +';
  if (operator === '%') return 'is built with % formatting';
  return 'is computed by an expression';
}

function describeCall(node: Node): string {
  const callee = node.childForFieldName('function');
  if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'format') {
    return 'is built with .format()';
  }
  const name = callee ? dottedName(callee) : null;
  const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  if (!name) return method ? `is computed by a call to .${method}()` : 'is computed by a call';
  if (name === 'Variable.get' || name.endsWith('.Variable.get')) return 'is read from an Airflow Variable (Variable.get)';
  if (/(^|\.)(getenv|environ\.get)$/.test(name)) return 'is read from an environment variable';
  if (LOADERS.test(name)) return `is loaded from a file or text at run time (${name}())`;
  return `is computed by a call to ${name}()`;
}

/** Calls that read configuration from a file: `json.load`, `yaml.safe_load`, `Path(…).read_text` … */
const LOADERS = /(^|\.)(load|loads|safe_load|full_load|load_all|read_text|read_json|read_yaml|read_config|load_config|open)$/;

function isEnviron(node: Node | null): boolean {
  const name = node ? dottedName(node) : null;
  return name === 'environ' || name === 'os.environ';
}
