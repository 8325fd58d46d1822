import type { DagDocument } from './document.js';
import { refused, type NewEntry, type Splice, type SpliceResult } from './edit-syntax.js';
import type { Insertion } from './family.js';
import { insertionSpot, type PlannedEdit } from './plan-task-edits.js';

/**
 * The splices that write planned edits: replacements over the old characters, and insertions grouped by where
 * they go, so that two keys added to one dict become two entries written together. One spot is written once.
 */
export function renderEdits(document: DagDocument, edits: PlannedEdit[]): SpliceResult {
  const splices: Splice[] = [];
  const spots = new Set<string>();
  const insertions = new Map<string, Insertion>();
  for (const edit of edits) {
    if (spots.has(edit.spot)) continue;
    spots.add(edit.spot);
    if (edit.change.kind === 'add') {
      const spot = insertionSpot(edit.change.addition);
      const earlier = insertions.get(spot);
      insertions.set(spot, earlier ? merge(earlier, edit.change.addition.insertion) : edit.change.addition.insertion);
      continue;
    }
    const { setting } = edit.change;
    const result = document.syntax.replaceScalar(setting.scalar, { text: setting.value, range: setting.range }, edit.new_value);
    if (result.kind === 'refused') return refused(`${edit.key} of task ${edit.task_id} cannot be written: ${result.reason}`);
    splices.push(...result.splices);
  }
  for (const insertion of insertions.values()) {
    const result = write(document, insertion);
    if (result.kind === 'refused') return refused(`the new settings cannot be written: the place for them ${result.reason}`);
    splices.push(...result.splices);
  }
  return { kind: 'splices', splices };
}

function write(document: DagDocument, insertion: Insertion): SpliceResult {
  const { syntax } = document;
  switch (insertion.kind) {
    case 'entries':
      return syntax.appendEntries(insertion.dict, insertion.entries);
    case 'arguments':
      return syntax.appendArguments(insertion.task, insertion.entries);
    case 'items':
      return syntax.insertItems(insertion.list, insertion.after, insertion.items, insertion.perLine);
    case 'words':
      return syntax.appendWords(insertion.scalar, insertion.words);
  }
}

function merge(first: Insertion, second: Insertion): Insertion {
  if (first.kind === 'entries' && second.kind === 'entries') {
    return { ...first, entries: mergeEntries(first.entries, second.entries) };
  }
  if (first.kind === 'arguments' && second.kind === 'arguments') {
    return { ...first, entries: mergeEntries(first.entries, second.entries) };
  }
  if (first.kind === 'items' && second.kind === 'items') return { ...first, items: [...first.items, ...second.items] };
  if (first.kind === 'words' && second.kind === 'words') return { ...first, words: `${first.words} ${second.words}` };
  return first;
}

/** Entries of both lists; a new nested dict added twice (`spark_conf` for two keys) becomes one. */
function mergeEntries(first: NewEntry[], second: NewEntry[]): NewEntry[] {
  const merged = [...first];
  for (const entry of second) {
    const index = merged.findIndex((other) => other.key === entry.key);
    const other = merged[index];
    if (other?.value.kind === 'dict' && entry.value.kind === 'dict') {
      const entries = mergeEntries(other.value.entries, entry.value.entries);
      merged[index] = { key: entry.key, value: { kind: 'dict', entries } };
    } else {
      merged.push(entry);
    }
  }
  return merged;
}
