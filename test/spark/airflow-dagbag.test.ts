import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewriteDag } from '../../src/dags/rewrite.js';
import { dagBag, leaves, minus, setupAirflow, type DumpedFile, type DumpedTask } from './support/airflow.js';
import { cli } from './support/cli.js';
import { ROOT } from './support/spark.js';

/**
 * Real Airflow for the DAG edits: every Python fixture of test/dags that `spark-tuner rewrite` edits is loaded by
 * Airflow's own DagBag before and after the edit (the files are parsed by Airflow, never by the tool). The edited
 * task must carry the new settings; every other task, argument and dependency must be unchanged. Fixtures Airflow
 * cannot import for reasons of their own (a module only the fixture's imaginary repository has) are listed in
 * test/spark/airflow-unloadable.txt, which this test keeps true.
 */
const FIXTURES = path.join(ROOT, 'test/dags/fixtures');
const UNLOADABLE = path.join(ROOT, 'test/spark/airflow-unloadable.txt');

interface Change {
  dag_id: string;
  changes: { task_id: string; settings: { key: string; value: string }[] }[];
}

const cases = readdirSync(FIXTURES)
  .filter((name) => ['input.py', 'expected.py', 'change.json'].every((file) => existsSync(path.join(FIXTURES, name, file))))
  .filter((name) => readFileSync(path.join(FIXTURES, name, 'input.py'), 'utf8') !== readFileSync(path.join(FIXTURES, name, 'expected.py'), 'utf8'))
  .sort();

let work = '';
let loaded: Record<string, { before: DumpedFile; after: DumpedFile; change: Change; rewrite: string }> = {};

describe('real Airflow: DagBag before and after spark-tuner rewrite', () => {
  beforeAll(async () => {
    const python = setupAirflow();
    work = await mkdtemp(path.join(tmpdir(), 'spark-tuner-airflow-'));
    const files: string[] = [];
    const rewrites: Record<string, string> = {};
    for (const name of cases) {
      const change = JSON.parse(readFileSync(path.join(FIXTURES, name, 'change.json'), 'utf8')) as Change;
      for (const side of ['before', 'after']) {
        await mkdir(path.join(work, side, name), { recursive: true });
        await copyFile(path.join(FIXTURES, name, 'input.py'), path.join(work, side, name, 'input.py'));
        files.push(path.join(work, side, name, 'input.py'));
      }
      const target = path.join(work, 'after', name, 'input.py');
      const outputs: string[] = [];
      if (change.changes.length === 1) {
        // one task: the command line, as a user runs it
        const [task] = change.changes;
        const sets = task!.settings.flatMap((s) => ['--set', `${s.key}=${s.value}`]);
        const result = cli('rewrite', target, '--task', task!.task_id, '--dag', change.dag_id, ...sets, '--write');
        outputs.push(`exit ${result.code}: ${result.stderr.trim()}`);
      } else {
        // several tasks in one edit (the command line takes one): the rewriter tune and the App call
        const result = await rewriteDag(await readFile(target, 'utf8'), change.dag_id, change.changes, { path: `dags/${name}/input.py` });
        if (result.kind === 'edited') await writeFile(target, result.content);
        outputs.push(result.kind === 'edited' ? 'exit 0: edited' : `exit 3: ${JSON.stringify(result)}`);
      }
      rewrites[name] = outputs.join('\n');
    }
    const bag = dagBag(python, files, path.join(work, 'airflow-home'));
    loaded = Object.fromEntries(
      cases.map((name) => [
        name,
        {
          before: bag[path.join(work, 'before', name, 'input.py')]!,
          after: bag[path.join(work, 'after', name, 'input.py')]!,
          change: JSON.parse(readFileSync(path.join(FIXTURES, name, 'change.json'), 'utf8')) as Change,
          rewrite: rewrites[name]!,
        },
      ]),
    );
  }, 1_800_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('lists exactly the fixtures Airflow cannot import before any edit, with why', () => {
    const unloadable = cases
      .filter((name) => Object.keys(loaded[name]!.before.dags).length === 0)
      .map((name) => `${name}: ${Object.values(loaded[name]!.before.import_errors)[0] ?? 'no DAG found'}`);
    console.log(`Airflow loaded ${cases.length - unloadable.length} of ${cases.length} edited fixtures; not importable:\n  ${unloadable.join('\n  ')}`);
    const listed = readFileSync(UNLOADABLE, 'utf8').split('\n').filter((line) => line.trim() && !line.startsWith('#'));
    expect(unloadable.map((line) => line.split(':')[0])).toEqual(listed.map((line) => line.split(':')[0]));
    expect(cases.length - unloadable.length).toBeGreaterThan(50);
  });

  it.each(cases)('%s: the edited task carries the new settings, nothing else moved', (name) => {
    const { before, after, change, rewrite } = loaded[name]!;
    if (Object.keys(before.dags).length === 0) return; // listed above
    expect(rewrite).toMatch(/^exit 0/m);
    expect(after.import_errors, 'the edited file must still import').toEqual({});
    expect(Object.keys(after.dags).sort()).toEqual(Object.keys(before.dags).sort());
    for (const [dagId, tasks] of Object.entries(before.dags)) {
      const edited = (taskId: string): Change['changes'][number] | undefined =>
        dagId === change.dag_id ? change.changes.find((c) => c.task_id === taskId || taskId.endsWith(`.${c.task_id}`)) : undefined;
      const afterTasks = after.dags[dagId]!;
      expect(Object.keys(afterTasks).sort()).toEqual(Object.keys(tasks).sort());
      for (const [taskId, task] of Object.entries(tasks)) {
        const now = afterTasks[taskId]!;
        expect(now.operator).toBe(task.operator);
        expect(now.upstream).toEqual(task.upstream);
        const settings = edited(taskId)?.settings;
        if (!settings) expect(now.kwargs, `${dagId}.${taskId} was not to change`).toEqual(task.kwargs);
        else expectOnlySettings(task, now, settings);
      }
    }
  });
});

/**
 * The task's arguments differ only where the settings are: each setting's value appears in what was added, each
 * added leaf mentions a setting (or is the `--conf` flag before it), and each removed leaf was replaced in place or
 * named a setting.
 */
function expectOnlySettings(before: DumpedTask, after: DumpedTask, settings: { key: string; value: string }[]): void {
  const was = leaves(before.kwargs);
  const now = leaves(after.kwargs);
  const added = minus(now, was);
  const removed = minus(was, now);
  const mentions = (leaf: string): boolean => settings.some((s) => leaf.includes(s.key) || leaf.endsWith(`=${JSON.stringify(s.value)}`) || leaf.includes(`=${s.value}`) || leaf.includes(s.value));
  for (const setting of settings) {
    const set = now.some((leaf) => leaf.endsWith(`.${setting.key}=${JSON.stringify(setting.value)}`) || leaf.includes(`${setting.key}=${setting.value}`) || leaf.includes(`${setting.key}": "${setting.value}`));
    const dedicated = added.some((leaf) => leaf.endsWith(`=${JSON.stringify(setting.value)}`) || leaf.includes(setting.value));
    const already = was.some((leaf) => leaf.includes(`${setting.key}=${setting.value}`) || leaf.endsWith(`.${setting.key}=${JSON.stringify(setting.value)}`));
    expect(set || dedicated || already, `${setting.key}=${setting.value} is not in the edited task: ${added.join(', ')}`).toBe(true);
  }
  for (const leaf of added) expect(mentions(leaf) || leaf.endsWith('="--conf"'), `unexpected new argument ${leaf}`).toBe(true);
  const addedPaths = new Set(added.map((leaf) => leaf.slice(0, leaf.indexOf('='))));
  for (const leaf of removed) expect(addedPaths.has(leaf.slice(0, leaf.indexOf('='))) || mentions(leaf), `argument lost: ${leaf}`).toBe(true);
}
