import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractTaskSettings } from '../../src/dags/extract-task-settings.js';
import { rewriteDag, unifiedDiff } from '../../src/dags/rewrite.js';
import type { AppliedEdit, TaskChanges } from '../../src/dags/types.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

interface FixtureChange {
  dag_id: string;
  changes: TaskChanges[];
  /** Text each expected note contains. */
  notes?: string[];
  /** The edits reported, in order. */
  edits?: AppliedEdit[];
}

function fixture(name: string, file: string): string | null {
  const full = path.join(FIXTURES, name, file);
  return existsSync(full) ? readFileSync(full, 'utf8') : null;
}

/** `input.py`, or `input.yml` / `input.yaml` for a dag-factory case. */
function inputFile(name: string): string {
  return ['input.py', 'input.yml', 'input.yaml'].find((file) => existsSync(path.join(FIXTURES, name, file))) ?? 'input.py';
}

/** Every fixture folder with a `change.json` is a rewrite case (`locate-repo/` is a repository, not a case). */
const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(FIXTURES, entry.name, 'change.json')))
  .map((entry) => entry.name)
  .sort();

describe('rewriteDag on fixtures', () => {
  it('has the fixture cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  it.each(cases)('%s', async (name) => {
    const file = inputFile(name);
    const input = fixture(name, file) ?? '';
    const change = JSON.parse(fixture(name, 'change.json') ?? '{}') as FixtureChange;
    const expected = fixture(name, file.replace('input', 'expected'));
    const refusal = fixture(name, 'expected-refusal.txt');
    const options = { path: `dags/${name}/${file}` };
    const result = await rewriteDag(input, change.dag_id, change.changes, options);

    if (refusal !== null) {
      expect(result).toEqual({ kind: 'refused', reason: expect.stringContaining(refusal.trim()) });
      return;
    }
    if (expected === null) throw new Error(`${name} has neither an expected file nor expected-refusal.txt`);
    if (expected === input) {
      expect(result.kind).toBe('unchanged');
      return;
    }
    if (result.kind !== 'edited') throw new Error(`${name}: expected an edit, got ${JSON.stringify(result)}`);
    expect(result.content).toBe(expected);
    for (const note of change.notes ?? []) {
      expect(result.notes.some((actual) => actual.includes(note)), `note "${note}" in ${JSON.stringify(result.notes)}`).toBe(true);
    }
    if (change.edits) expect(result.edits).toEqual(change.edits);
    const again = await rewriteDag(result.content, change.dag_id, change.changes, options);
    expect(again.kind).toBe('unchanged');
  });
});

describe('rewriteDag', () => {
  const source = fixture('dedicated-argument-wins', 'input.py') ?? '';
  const change: TaskChanges[] = [{ task_id: 'score_accounts', settings: [{ key: 'spark.executor.memory', value: '12g' }] }];

  it('reports each edit with the old value and the line of the value', async () => {
    const result = await rewriteDag(source, 'risk_scores', change);
    expect(result.kind === 'edited' ? result.edits : result).toEqual([
      { task_id: 'score_accounts', key: 'spark.executor.memory', old_value: '16g', new_value: '12g', line: 11 },
    ]);
  });

  it('gives the same file when the same change is applied twice', async () => {
    const once = await rewriteDag(source, 'risk_scores', change);
    if (once.kind !== 'edited') throw new Error('expected an edit');
    const twice = await rewriteDag(once.content, 'risk_scores', change);
    expect(twice).toEqual({ kind: 'unchanged', notes: [expect.stringContaining('8g in its conf entry')] });
  });

  it('refuses two different values for one key', async () => {
    const result = await rewriteDag(source, 'risk_scores', [
      { task_id: 'score_accounts', settings: [{ key: 'spark.executor.memory', value: '12g' }] },
      { task_id: 'score_accounts', settings: [{ key: 'spark.executor.memory', value: '10g' }] },
    ]);
    expect(result).toEqual({ kind: 'refused', reason: expect.stringContaining('two values of spark.executor.memory') });
  });

  it('edits the last of duplicate keys in a dict literal, the one Python keeps', async () => {
    const text = 'from airflow import DAG\nfrom x import SparkSubmitOperator\nwith DAG("d") as dag:\n'
      + '    SparkSubmitOperator(task_id="t", conf={"spark.executor.cores": "4", "spark.executor.cores": "6"})\n';
    const result = await rewriteDag(text, 'd', [{ task_id: 't', settings: [{ key: 'spark.executor.cores', value: '2' }] }]);
    expect(result.kind === 'edited' ? result.content : result).toBe(text.replace('"6"', '"2"'));
  });
});

describe('rewriteDag with values it cannot trust', () => {
  const header = 'from airflow import DAG\nfrom x import SparkSubmitOperator\n';
  const memory = [{ task_id: 't', settings: [{ key: 'spark.executor.memory', value: '4g' }] }];

  it.each([
    [
      'a constant bound again in an if',
      'MEM = "8g"\nif PROD:\n    MEM = "16g"\nwith DAG("d"):\n    SparkSubmitOperator(task_id="t", executor_memory=MEM)\n',
      'comes from MEM, which is assigned more than once',
    ],
    [
      'a constant shadowed by a parameter',
      'MEM = "8g"\n@dag\ndef d(MEM="2g"):\n    SparkSubmitOperator(task_id="t", executor_memory=MEM)\n',
      'comes from MEM, a parameter of function d()',
    ],
    [
      'a conf dict changed in place',
      'CONF = {"spark.executor.memory": "8g"}\nCONF.update(EXTRA)\nwith DAG("d"):\n    SparkSubmitOperator(task_id="t", conf=CONF)\n',
      'the conf of task t comes from CONF, which is changed in place at line 4',
    ],
    [
      'default_args imported from elsewhere',
      'from common import ARGS\nwith DAG("d", default_args=ARGS):\n    SparkSubmitOperator(task_id="t", conf={"spark.executor.memory": "8g"})\n',
      'the default_args of DAG d (line 4) comes from ARGS, imported from common, another file; they may set executor_memory',
    ],
  ])('refuses %s', async (_name, body, reason) => {
    expect(await rewriteDag(header + body, 'd', memory)).toEqual({ kind: 'refused', reason: expect.stringContaining(reason) });
  });
});

describe('rewriteDag without a path', () => {
  it('tells a dag-factory YAML file from Python by its content', async () => {
    const input = fixture('yaml-spark-submit-conf', 'input.yml') ?? '';
    const change = JSON.parse(fixture('yaml-spark-submit-conf', 'change.json') ?? '{}') as FixtureChange;
    const result = await rewriteDag(input, change.dag_id, change.changes);
    expect(result.kind === 'edited' ? result.content : result).toBe(fixture('yaml-spark-submit-conf', 'expected.yml'));
  });

  it('still reports a Python syntax error for a broken Python file', async () => {
    const input = fixture('syntax-error-refused', 'input.py') ?? '';
    const result = await rewriteDag(input, 'd', [{ task_id: 't', settings: [{ key: 'spark.executor.memory', value: '4g' }] }]);
    expect(result).toEqual({ kind: 'refused', reason: expect.stringContaining('the file does not parse (syntax error at line') });
  });
});

describe('unifiedDiff', () => {
  it('writes a git-style diff with a/ and b/ prefixes', () => {
    const diff = unifiedDiff('dags/x.py', 'a = 1\nb = "16g"\nc = 3\n', 'a = 1\nb = "8g"\nc = 3\n');
    expect(diff).toBe('--- a/dags/x.py\n+++ b/dags/x.py\n@@ -1,3 +1,3 @@\n a = 1\n-b = "16g"\n+b = "8g"\n c = 3\n');
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('dags/x.py', 'a\n', 'a\n')).toBe('');
  });
});

describe('rewriteDag size limit', () => {
  const source = 'from airflow import DAG\nfrom airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator\n'
    + 'with DAG("d") as dag:\n    t = SparkSubmitOperator(task_id="t", application="a.py", conf={"spark.executor.memory": "2g"})\n';
  const change = [{ task_id: 't', settings: [{ key: 'spark.executor.memory', value: '4g' }] }];

  it('refuses a file above the limit with one line, without parsing it', async () => {
    const result = await rewriteDag(source, 'd', change, { maxFileBytes: 100 });
    expect(result).toEqual({ kind: 'refused', reason: expect.stringMatching(/^the file is 0\.2 KB, above the 0\.1 KB limit for DAG files \(max_dag_file_mb\), so it was not parsed$/) });
    expect(await extractTaskSettings(source, 'd', 't', { maxFileBytes: 100 })).toMatchObject({ kind: 'refused' });
  });

  it('edits the same file under the limit', async () => {
    expect(await rewriteDag(source, 'd', change, { maxFileBytes: 10_000 })).toMatchObject({ kind: 'edited' });
  });
});
