import type { Node } from 'web-tree-sitter';
import { lineOf } from './nodes.js';
import { identifiersNamed } from './occurrences.js';

/** Where an imported name comes from: `from common.spark import CONF` gives CONF → common.spark. */
export interface ImportedName {
  module: string;
  line: number;
}

/** Names bound by import statements at module level, looked up by name. */
export interface ImportedNames {
  get(name: string): ImportedName | undefined;
}

const IMPORTS = new Set(['import_statement', 'import_from_statement']);

/**
 * The names a module's `import` and `from … import …` statements bind (the last statement binding a name wins),
 * read when a name is first asked about: only the statements where the name is written are looked at.
 */
export function collectImports(root: Node): ImportedNames {
  const memo = new Map<string, ImportedName | undefined>();
  return {
    get(name) {
      if (!memo.has(name)) memo.set(name, lookUp(root, name));
      return memo.get(name);
    },
  };
}

function lookUp(root: Node, name: string): ImportedName | undefined {
  let found: ImportedName | undefined;
  const seen = new Set<number>();
  for (const identifier of identifiersNamed(root, name)) {
    const statement = importStatement(identifier);
    if (!statement || seen.has(statement.startIndex)) continue;
    seen.add(statement.startIndex);
    const names = new Map<string, ImportedName>();
    if (statement.type === 'import_from_statement') addFromImport(statement, names);
    else addImport(statement, names);
    found = names.get(name) ?? found;
  }
  return found;
}

/** The module-level import statement an identifier is written in, or null. */
function importStatement(identifier: Node): Node | null {
  for (let node = identifier.parent; node; node = node.parent) {
    if (IMPORTS.has(node.type)) return node.parent?.type === 'module' ? node : null;
    if (node.type !== 'dotted_name' && node.type !== 'aliased_import') return null;
  }
  return null;
}

function addFromImport(statement: Node, names: Map<string, ImportedName>): void {
  const module = statement.childForFieldName('module_name')?.text ?? '';
  for (const name of statement.childrenForFieldName('name')) {
    const bound = name.type === 'aliased_import' ? name.childForFieldName('alias') : name;
    if (bound) names.set(bound.text, { module, line: lineOf(statement) });
  }
}

function addImport(statement: Node, names: Map<string, ImportedName>): void {
  for (const name of statement.childrenForFieldName('name')) {
    const alias = name.type === 'aliased_import' ? name.childForFieldName('alias') : null;
    const module = name.type === 'aliased_import' ? (name.childForFieldName('name')?.text ?? '') : name.text;
    const bound = alias?.text ?? module.split('.')[0] ?? module;
    names.set(bound, { module, line: lineOf(statement) });
  }
}
