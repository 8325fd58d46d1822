import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rewriteDag } from '../../src/dags/rewrite.js';
import type { TaskChanges } from '../../src/dags/types.js';
import { planRevert } from '../../src/verify/plan-revert.js';
import type { ProposedChange } from '../../src/verify/types.js';

/** The revert of a merged tuning, through the same rewrite engine: byte for byte the file before the tuning. */
const FIXTURES = fileURLToPath(new URL('../dags/fixtures/', import.meta.url));

function read(name: string, file: string): string | null {
  const full = path.join(FIXTURES, name, file);
  return existsSync(full) ? readFileSync(full, 'utf8') : null;
}

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(FIXTURES, entry.name, 'change.json')))
  .map((entry) => entry.name)
  .filter((name) => ['expected.py', 'expected.yml', 'expected.yaml'].some((file) => existsSync(path.join(FIXTURES, name, file))))
  .sort();

const DAG = `from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator\r
\r
with DAG(dag_id="nightly", schedule="0 2 * * *") as dag:\r
    SparkSubmitOperator(\r
        task_id="transform",\r
        application="s3://jobs/transform.py",\r
        conf={'spark.executor.memory': '16g',   # sized in 2024\r
              "spark.executor.cores": "4"},\r
    )`;
const CHANGE: ProposedChange = { task_id: 'transform', key: 'spark.executor.memory', old_value: '16g', new_value: '8g' };
const PATH = 'dags/nightly.py';

describe('planRevert() on every fixture the rewrite engine edits', () => {
  it('has the cases', () => expect(cases.length).toBeGreaterThanOrEqual(50));

  it.each(cases)('%s: tuned then reverted gives the original bytes (or a one-line refusal)', async (name) => {
    const file = ['input.py', 'input.yml', 'input.yaml'].find((each) => read(name, each) !== null) ?? 'input.py';
    const original = read(name, file) ?? '';
    const { dag_id: dagId, changes } = JSON.parse(read(name, 'change.json') ?? '{}') as { dag_id: string; changes: TaskChanges[] };
    const options = { path: `dags/${name}/${file}` };
    const tuned = await rewriteDag(original, dagId, changes, options);
    if (tuned.kind !== 'edited') return; // an unchanged case: nothing was merged
    const record = tuned.edits.map(({ task_id, key, old_value, new_value }) => ({ task_id, key, old_value, new_value }));

    const plan = await planRevert(tuned.content, options.path, dagId, record);

    if (record.some((change) => change.old_value === null)) {
      // a key spark-tuner added cannot be removed by the engine: refused with the reason, never a guess
      expect(plan).toMatchObject({ kind: 'refused', reason: expect.stringContaining('was not set before the change') });
      return;
    }
    if (plan.kind !== 'revert') throw new Error(`${name}: ${JSON.stringify(plan)}`);
    expect(plan.content).toBe(original);
  });
});

describe('planRevert()', () => {
  it('restores the value text exactly (quotes, comment, CRLF, no final newline)', async () => {
    const merged = DAG.replace("'16g'", "'8g'");
    const plan = await planRevert(merged, PATH, 'nightly', [CHANGE]);
    expect(plan).toMatchObject({ kind: 'revert', content: DAG, edits: [{ task_id: 'transform', key: 'spark.executor.memory', old_value: '8g', new_value: '16g' }] });
  });

  it('never reverts over a person’s later change to the setting: it says what the file holds now', async () => {
    const changed = DAG.replace("'16g'", "'12g'");
    expect(await planRevert(changed, PATH, 'nightly', [CHANGE])).toEqual({ kind: 'changed', changed: [{ change: CHANGE, current: '12g' }] });
    const removed = DAG.replace("'spark.executor.memory': '16g',   # sized in 2024\r\n              ", '');
    expect(await planRevert(removed, PATH, 'nightly', [CHANGE])).toEqual({ kind: 'changed', changed: [{ change: CHANGE, current: null }] });
  });

  it('does nothing when the previous values are back already', async () => {
    expect(await planRevert(DAG, PATH, 'nightly', [CHANGE])).toEqual({ kind: 'restored' });
  });

  it('refuses, with the engine’s reason, a value that moved into a constant shared by two tasks', async () => {
    const shared = [
      'from airflow import DAG',
      'from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator',
      '',
      'MEMORY = "8g"',
      '',
      'with DAG(dag_id="nightly") as dag:',
      '    SparkSubmitOperator(task_id="transform", application="t.py", executor_memory=MEMORY)',
      '    SparkSubmitOperator(task_id="load", application="l.py", executor_memory=MEMORY)',
      '',
    ].join('\n');
    const plan = await planRevert(shared, PATH, 'nightly', [CHANGE]);
    expect(plan).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/MEMORY/) });
  });
});
