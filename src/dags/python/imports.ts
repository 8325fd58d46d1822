import type { Node } from 'web-tree-sitter';
import { lineOf } from './nodes.js';

/** Where an imported name comes from: `from common.spark import CONF` gives CONF → common.spark. */
export interface ImportedName {
  module: string;
  line: number;
}

/** Names bound by import statements at module level. */
export type ImportedNames = ReadonlyMap<string, ImportedName>;

/** The names a module's `import` and `from … import …` statements bind. */
export function collectImports(root: Node): ImportedNames {
  const names = new Map<string, ImportedName>();
  for (const statement of root.namedChildren) {
    if (statement.type === 'import_from_statement') addFromImport(statement, names);
    if (statement.type === 'import_statement') addImport(statement, names);
  }
  return names;
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
