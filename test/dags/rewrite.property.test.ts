import { diffChars } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractTaskSettings } from '../../src/dags/extract-task-settings.js';
import type { FoundSetting } from '../../src/dags/family.js';
import { rewriteDag } from '../../src/dags/rewrite.js';
import {
  entries, layout, pythonArgsFile, pythonConfFile, pythonParametersFile, sparkKey, sparkValue, yamlArgsFile, yamlConfFile,
  yamlParametersFile,
  type Entries,
} from './support/generated-dags.js';

const RUNS = { numRuns: 60 };

/** A generated file and the path that tells its format. */
interface Generated {
  source: string;
  path: string;
  settings: Entries;
}

/** The occurrence Spark obeys among the task's own: highest precedence, then the last written. */
function effective(settings: FoundSetting[], key: string): FoundSetting | undefined {
  return settings
    .filter((setting) => setting.key === key && !setting.foreign)
    .sort((a, b) => a.precedence - b.precedence || a.range.start - b.range.start)
    .at(-1);
}

async function settingsOf(file: Generated, source = file.source): Promise<FoundSetting[]> {
  const found = await extractTaskSettings(source, 'generated', 't', { path: file.path });
  if (found.kind !== 'found') throw new Error(found.reason);
  return found.settings;
}

/**
 * Rewriting an existing key changes exactly its value characters; reading the result back gives the new value.
 * (A value written as a number only takes a whole number.)
 */
async function replacesOnlyTheValue(file: Generated, pick: number, value: string): Promise<void> {
  const [key] = file.settings[pick % file.settings.length] ?? [''];
  const before = effective(await settingsOf(file), key);
  if (!before) throw new Error(`${key} was not read from ${file.source}`);
  const result = await rewriteDag(file.source, 'generated', [{ task_id: 't', settings: [{ key, value }] }], { path: file.path });
  if (before.literal === 'number' && !/^\d+$/.test(value)) {
    expect(result).toEqual({ kind: 'refused', reason: expect.stringContaining('is written as a number') });
    return;
  }
  if (before.value === value) {
    expect(result.kind).toBe('unchanged');
    return;
  }
  if (result.kind !== 'edited') throw new Error(`expected an edit, got ${JSON.stringify(result)}`);
  expect(result.content).toBe(file.source.slice(0, before.range.start) + value + file.source.slice(before.range.end));
  expect(effective(await settingsOf(file, result.content), key)?.value).toBe(value);
}

/** Adding an absent key only inserts text; reading the result back gives the new value and every old one. */
async function addsWithoutChanging(file: Generated, key: string, value: string): Promise<void> {
  if (file.settings.some(([existing]) => existing === key)) return;
  const result = await rewriteDag(file.source, 'generated', [{ task_id: 't', settings: [{ key, value }] }], { path: file.path });
  if (result.kind !== 'edited') throw new Error(`expected an edit, got ${JSON.stringify(result)}`);
  const removed = diffChars(file.source, result.content).filter((part) => part.removed);
  expect(removed).toEqual([]);
  const after = await settingsOf(file, result.content);
  expect(effective(after, key)?.value).toBe(value);
  for (const [other, old] of file.settings) expect(effective(after, other)?.value).toBe(old);
  const again = await rewriteDag(result.content, 'generated', [{ task_id: 't', settings: [{ key, value }] }], { path: file.path });
  expect(again.kind).toBe('unchanged');
}

const pythonConf = fc.tuple(entries, layout).map(([settings, l]): Generated => ({ source: pythonConfFile(settings, l), path: 'dags/g.py', settings }));
const pythonArgs = fc.tuple(entries, layout, fc.boolean())
  .map(([settings, l, pairs]): Generated => ({ source: pythonArgsFile(settings, l, pairs), path: 'dags/g.py', settings }));
const pythonParameters = fc.tuple(entries, layout, fc.integer({ min: 1, max: 3 }), fc.constantFrom(' ', '  '))
  .map(([settings, l, parts, spaces]): Generated => ({ source: pythonParametersFile(settings, l, parts, spaces), path: 'dags/g.py', settings }));
const yamlStyle = fc.constantFrom('', '"', "'");
const yamlConf = fc.tuple(entries, layout, yamlStyle, fc.boolean())
  .map(([settings, l, style, flow]): Generated => ({ source: yamlConfFile(settings, l, style, flow), path: 'dags/g.yml', settings }));
const yamlParameters = fc.tuple(entries, layout, fc.constantFrom('', '"', "'", '>-'))
  .map(([settings, l, style]): Generated => ({ source: yamlParametersFile(settings, l, style), path: 'dags/g.yml', settings }));
const yamlArgs = fc.tuple(entries, layout, yamlStyle)
  .map(([settings, l, style]): Generated => ({ source: yamlArgsFile(settings, l, style), path: 'dags/g.yml', settings }));

describe.each([
  ['a Python conf dict', pythonConf],
  ['a Python EMR Args list', pythonArgs],
  ['a Python sparkSubmitParameters string', pythonParameters],
  ['a dag-factory conf mapping', yamlConf],
  ['a dag-factory EMR Args sequence', yamlArgs],
  ['a dag-factory sparkSubmitParameters string (plain, quoted or folded)', yamlParameters],
])('rewriting %s', (_name, generated) => {
  it('changes only the value characters of an existing key', async () => {
    await fc.assert(fc.asyncProperty(generated, fc.nat(), sparkValue, replacesOnlyTheValue), RUNS);
  });

  it('adds an absent key without changing any other byte', async () => {
    await fc.assert(fc.asyncProperty(generated, sparkKey, sparkValue, addsWithoutChanging), RUNS);
  });
});
