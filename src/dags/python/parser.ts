import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

let parserPromise: Promise<Parser> | null = null;

async function createParser(): Promise<Parser> {
  await Parser.init();
  const wasm = createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm');
  const language = await Language.load(wasm);
  return new Parser().setLanguage(language);
}

/** The Python parser, created once per process (the wasm runtime and grammar load only once). */
export function pythonParser(): Promise<Parser> {
  parserPromise ??= createParser().catch((error: unknown) => {
    parserPromise = null;
    throw error;
  });
  return parserPromise;
}

/**
 * Parses Python source and hands its root node to `use`; the tree is freed afterwards (wasm memory is not
 * garbage-collected), so `use` must not keep nodes. Offsets in the tree are JS string indices of `source`.
 */
export async function withPythonTree<T>(source: string, use: (root: Node) => T): Promise<T> {
  const parser = await pythonParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('The Python parser returned no tree.');
  try {
    return use(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** 1-based line of the first syntax error in a parsed file, or null when it parses cleanly. */
export function firstSyntaxErrorLine(root: Node): number | null {
  if (!root.hasError) return null;
  let node: Node | null = root;
  while (node) {
    if (node.isError || node.isMissing) return node.startPosition.row + 1;
    node = node.children.find((child) => child.hasError || child.isMissing) ?? null;
  }
  return root.startPosition.row + 1;
}
