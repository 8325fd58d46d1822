import { createRequire } from 'node:module';
import { Edit, Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import type { Splice } from '../edit-syntax.js';
import { rememberSource } from './occurrences.js';
import { editedPartialText, includedRanges, includeMissed, partialText, type PartialText } from './partial-parse.js';

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

interface KeptTree {
  source: string;
  tree: Tree;
  /** How the text is parsed in part (large files), or null for a whole parse. */
  partial: PartialText | null;
}

/**
 * The last trees parsed, newest last: a text is parsed once even when it is located, then planned, then edited
 * (locate and rewrite read the same file). Trees live in wasm memory, which is not garbage-collected: a tree is
 * freed when it leaves this list, which holds a few texts of at most `KEPT_CHARACTERS` characters together.
 */
const kept: KeptTree[] = [];
const KEPT_TREES = 4;
const KEPT_CHARACTERS = 6_000_000;
/** A reader that keeps finding names in statements left out is given the whole parse after this many parses. */
const PARTIAL_ROUNDS = 8;

/**
 * Parses Python source (or reuses its tree) and hands its root node to `use`, which must not keep nodes and may
 * run more than once (a large file is parsed in part, and again with the statements `use` looked for: see
 * `partial-parse.ts`). Offsets in the tree are JS string indices of `source`.
 */
export async function withPythonTree<T>(source: string, use: (root: Node) => T): Promise<T> {
  const parser = await pythonParser();
  return readKept(parser, entryOf(parser, source), use);
}

/**
 * Parses `content`, which is `source` with `splices` applied, reusing the tree of `source` when it is kept
 * (tree-sitter's incremental parse: only what the splices touch is parsed again). A large text is parsed in part,
 * as `withPythonTree` does.
 */
export async function withEditedPythonTree<T>(
  source: string, splices: Splice[], content: string, use: (root: Node) => T,
): Promise<T> {
  const parser = await pythonParser();
  const old = kept.find((entry) => entry.source === source);
  if (!old || kept.some((entry) => entry.source === content)) return withPythonTree(content, use);
  const partial = (old.partial && editedPartialText(old.partial, splices, content)) ?? partialText(content);
  if (partial) return readKept(parser, keep(content, parsePartially(parser, content, partial), partial), use);
  if (old.partial) return withPythonTree(content, use);
  const edited = old.tree.copy();
  try {
    for (const splice of [...splices].sort((a, b) => b.start - a.start || b.end - a.end)) edited.edit(treeEdit(source, splice));
    return use(keep(content, parser.parse(content, edited), null).tree.rootNode);
  } finally {
    edited.delete();
  }
}

/** Runs `use` on a kept tree; on a partial tree, again with what it missed, until it misses nothing. */
function readKept<T>(parser: Parser, entry: KeptTree, use: (root: Node) => T): T {
  for (let round = 0; ; round += 1) {
    const partial = entry.partial;
    if (!partial) return use(entry.tree.rootNode);
    if (entry.tree.rootNode.hasError || round >= PARTIAL_ROUNDS) {
      replaceTree(entry, parser.parse(entry.source), null);
      continue;
    }
    partial.missed.clear();
    let result: { value: T } | { error: unknown };
    try {
      result = { value: use(entry.tree.rootNode) };
    } catch (error) {
      result = { error };
    }
    if (!includeMissed(partial)) {
      if ('error' in result) throw result.error;
      return result.value;
    }
    replaceTree(entry, parsePartially(parser, entry.source, partial), partial);
  }
}

/** Frees every kept tree (the next read of any text parses it again). */
export function forgetPythonTrees(): void {
  for (const entry of kept.splice(0)) entry.tree.delete();
}

function entryOf(parser: Parser, source: string): KeptTree {
  const index = kept.findIndex((entry) => entry.source === source);
  const found = kept[index];
  if (found) {
    kept.splice(index, 1);
    kept.push(found);
    return found;
  }
  const partial = partialText(source);
  return keep(source, partial ? parsePartially(parser, source, partial) : parser.parse(source), partial);
}

function parsePartially(parser: Parser, source: string, partial: PartialText): Tree | null {
  return parser.parse(source, null, { includedRanges: includedRanges(source, partial) });
}

function replaceTree(entry: KeptTree, tree: Tree | null, partial: PartialText | null): void {
  if (!tree) throw new Error('The Python parser returned no tree.');
  entry.tree.delete();
  entry.tree = tree;
  entry.partial = partial;
  rememberSource(tree, entry.source, partial);
}

function keep(source: string, tree: Tree | null, partial: PartialText | null): KeptTree {
  if (!tree) throw new Error('The Python parser returned no tree.');
  rememberSource(tree, source, partial);
  const entry = { source, tree, partial };
  kept.push(entry);
  let characters = kept.reduce((sum, kept) => sum + kept.source.length, 0);
  while (kept.length > KEPT_TREES || (kept.length > 1 && characters > KEPT_CHARACTERS)) {
    const oldest = kept.shift();
    characters -= oldest?.source.length ?? 0;
    oldest?.tree.delete();
  }
  return entry;
}

/** The tree-sitter edit for one splice of `source`, applied right to left (text before it is unchanged). */
function treeEdit(source: string, splice: Splice): Edit {
  const startPosition = pointAt(source, splice.start);
  const lines = splice.replacement.split('\n');
  const lastLine = lines.at(-1) ?? '';
  const newEndPosition = lines.length === 1
    ? { row: startPosition.row, column: startPosition.column + lastLine.length }
    : { row: startPosition.row + lines.length - 1, column: lastLine.length };
  return new Edit({
    startIndex: splice.start,
    oldEndIndex: splice.end,
    newEndIndex: splice.start + splice.replacement.length,
    startPosition,
    oldEndPosition: pointAt(source, splice.end),
    newEndPosition,
  });
}

/** Row and column (UTF-16 code units, as tree-sitter reports them for a JS string) of an index. */
function pointAt(source: string, index: number): { row: number; column: number } {
  let row = 0;
  for (let at = source.indexOf('\n'); at !== -1 && at < index; at = source.indexOf('\n', at + 1)) row += 1;
  return { row, column: index - (source.lastIndexOf('\n', index - 1) + 1) };
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
