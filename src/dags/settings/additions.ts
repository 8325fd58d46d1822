import type { NewEntry } from '../edit-syntax.js';
import type { Addition } from '../family.js';
import type { DictValue } from '../values/value.js';

/** `key: "value"`, a new string entry. */
export function stringEntry(key: string, value: string): NewEntry {
  return { key, value: { kind: 'string', text: value } };
}

/** `{"path": {"to": entry}}`: an entry nested under new dicts, one per key of `path`. */
export function nestedEntry(path: string[], entry: NewEntry): NewEntry {
  let nested = entry;
  for (const part of [...path].reverse()) nested = { key: part, value: { kind: 'dict', entries: [nested] } };
  return nested;
}

/** Adds entries at the end of a dict (shared as its constants are). */
export function addToDict(dict: DictValue, entries: NewEntry[], precedence: number, label: string): Addition {
  return { insertion: { kind: 'entries', dict, entries }, precedence, via: dict.via, label };
}
