import type { Node } from 'web-tree-sitter';
import type { SourceRange } from '../types.js';
import { shadowingFunction } from './local-binding.js';
import { dottedName } from './nodes.js';
import { identifiersNamed } from './occurrences.js';

/**
 * Every place that reads the name (identifiers, not attribute names, keyword names or the assignment that
 * defines it): the module-level name, or with `scope` the local name of that function. A read of another
 * function's local name of the same spelling is not one; any other doubt counts as a read (over-counting is
 * safe: it only makes the editor more careful).
 */
export function nameReferences(root: Node, name: string, scope?: SourceRange): Node[] {
  return identifiersNamed(root, name, scope).filter((node) => {
    if (!isRead(node)) return false;
    const shadow = shadowingFunction(node);
    return scope ? shadow?.startIndex === scope.start && shadow.endIndex === scope.end : shadow === null;
  });
}

/**
 * The reads of a name that may pass its value on to a task's Spark settings: `nameReferences` without those that
 * only print or log it (`print(CONF)`, `log.info("%s", CONF["k"])`, also through `str()`, `repr()`, f-strings,
 * `json.dumps()`), and without `len(NAME)` when the edit does not change that length (`grows` false).
 */
export function settingReaders(root: Node, name: string, scope: SourceRange | undefined, grows: boolean): Node[] {
  return nameReferences(root, name, scope).filter((node) => !onlyShown(node) && !(isLength(node) && !grows));
}

const SHOWN_THROUGH = new Set(['str', 'repr', 'json.dumps', 'pformat', 'pprint.pformat', 'sorted', 'list', 'dict', 'len']);
const PRINTS = new Set(['print', 'pprint', 'pprint.pprint']);
const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log']);
const PASS_THROUGH = new Set([
  'argument_list', 'subscript', 'interpolation', 'string', 'concatenated_string', 'binary_operator',
  'parenthesized_expression', 'keyword_argument', 'format_expression', 'string_content',
]);

/** True when a read only reaches a `print(…)` or a logger call (through pure conversions), as an expression statement. */
function onlyShown(identifier: Node): boolean {
  let node = identifier;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'subscript' && !parent.childForFieldName('value')?.equals(node)) return false;
    if (parent.type === 'call') {
      const callee = parent.childForFieldName('function');
      if (!callee || callee.equals(node)) return false;
      const name = dottedName(callee);
      const output = (name !== null && PRINTS.has(name)) || isLoggerCall(callee);
      if (output) return parent.parent?.type === 'expression_statement';
      if (name === null || !SHOWN_THROUGH.has(name)) return false;
      continue;
    }
    if (!PASS_THROUGH.has(parent.type)) return false;
  }
  return false;
}

/** `log.info(…)`, `logger.warning(…)`, `logging.debug(…)`, `self.log.error(…)`. */
function isLoggerCall(callee: Node): boolean {
  if (callee.type !== 'attribute') return false;
  const method = callee.childForFieldName('attribute')?.text ?? '';
  const object = callee.childForFieldName('object');
  const name = object ? dottedName(object) : null;
  return LOG_METHODS.has(method) && name !== null && /(^|\.)(_?log|_?logger|logging)$/i.test(name);
}

/** `len(NAME)`. */
function isLength(identifier: Node): boolean {
  const list = identifier.parent;
  const call = list?.type === 'argument_list' ? list.parent : null;
  return call?.type === 'call' && call.childForFieldName('function')?.text === 'len' && list?.namedChildCount === 1;
}

/**
 * True when a reference to a module constant changes it in place: `NAME[k] = v`, `NAME["a"]["b"] = v`,
 * `NAME |= …`, `NAME.update(…)`, `NAME[0]["Args"].append(…)`.
 */
export function isMutation(reference: Node): boolean {
  let node = reference;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'augmented_assignment') return parent.childForFieldName('left')?.equals(node) ?? false;
    if (parent.type === 'subscript' && parent.childForFieldName('value')?.equals(node)) {
      if (isAssignmentTarget(parent)) return true;
      continue;
    }
    if (parent.type !== 'attribute' || !parent.childForFieldName('object')?.equals(node)) return false;
    const method = parent.childForFieldName('attribute')?.text ?? '';
    if (MUTATING_METHODS.has(method) && parent.parent?.type === 'call') return true;
  }
  return false;
}

const MUTATING_METHODS = new Set([
  'update', 'setdefault', 'pop', 'popitem', 'clear', '__setitem__', 'append', 'extend', 'insert', 'remove',
]);

function isAssignmentTarget(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'delete_statement') return true;
  if (parent?.type !== 'assignment' && parent?.type !== 'augmented_assignment') return false;
  return parent.childForFieldName('left')?.equals(node) ?? false;
}

function isRead(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'attribute') return parent.childForFieldName('object')?.equals(node) ?? false;
  if (parent.type === 'keyword_argument') return !parent.childForFieldName('name')?.equals(node);
  if (parent.type === 'assignment' && parent.parent?.type === 'expression_statement') {
    return !parent.childForFieldName('left')?.equals(node);
  }
  return true;
}
