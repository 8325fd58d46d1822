import { describe, expect, it } from 'vitest';
import type { RepoFiles } from '../../src/dags/types.js';
import { planProposal } from '../../src/pipeline/plan-proposal.js';
import type { PlanRequest } from '../../src/pipeline/types.js';
import { NOW, run } from '../support/runs.js';

const DAG = `from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(dag_id="daily_sales") as dag:
    SparkSubmitOperator(task_id="load_orders", application="a.py", conf={"spark.executor.memory": "16g"})
`;

function repo(files: Record<string, string>): RepoFiles {
  return { list: async () => Object.keys(files), read: async (path) => files[path] ?? '' };
}

function request(overrides: Partial<PlanRequest> = {}): PlanRequest {
  return {
    dag_id: 'daily_sales',
    task_id: null,
    summaries: [run(3, 5.1), run(2, 5.4), run(1, 5.2)],
    repo: repo({ 'dags/daily_sales.py': DAG }),
    dag_paths: ['dags/'],
    metric_source: 'eventlogs',
    until: NOW,
    lookback_days: 14,
    min_runs: 3,
    ...overrides,
  };
}

describe('planProposal', () => {
  it('turns a diagnosis into a one-value edit with its PR', async () => {
    const plan = await planProposal(request());
    expect(plan.kind).toBe('proposal');
    if (plan.kind !== 'proposal') return;
    expect(plan.proposal.title).toBe('Tune daily_sales.load_orders: spark.executor.memory 16g → 8g');
    expect(plan.proposal.new_content).toBe(DAG.replace('"16g"', '"8g"'));
    expect(plan.proposal.labels).toEqual(['spark-tuning', 'cost']);
    expect(plan.proposal.commit_message).toMatch(/\nSpark-Tuner-Fingerprint: [0-9a-f]{16}\n$/);
    expect(plan.proposal.body).toContain(`<!-- spark-tuner:fingerprint=${plan.proposal.fingerprint} -->`);
  });

  it('refuses stale evidence: runs at 16g say nothing about the 3g the file holds today', async () => {
    const plan = await planProposal(request({
      summaries: [run(3, 5.6), run(2, 5.6), run(1, 5.6)],
      repo: repo({ 'dags/daily_sales.py': DAG.replace('"16g"', '"3g"') }),
    }));
    expect(plan.kind).toBe('no-change');
    expect(plan.kind === 'no-change' && plan.message).toContain(
      'spark.executor.memory of load_orders is left alone: the measured runs used 16g but the DAG file says 3g, so the runs predate ' +
        "the file's value (or something overrides it); waiting for runs with 3g.",
    );
    const same = await planProposal(request({ summaries: [run(3, 5.6), run(2, 5.6), run(1, 5.6)], repo: repo({ 'dags/daily_sales.py': DAG.replace('"16g"', '"16384m"') }) }));
    expect(same.kind).toBe('proposal');
  });

  it('says so when the file already has the values', async () => {
    const plan = await planProposal(request({ repo: repo({ 'dags/daily_sales.py': DAG.replace('"16g"', '"8g"') }) }));
    expect(plan).toMatchObject({ kind: 'no-change', message: 'dags/daily_sales.py already has the recommended values for daily_sales.' });
  });

  it('reports a DAG with runs that no file defines', async () => {
    const plan = await planProposal(request({ repo: repo({ 'dags/other.py': 'x = 1\n' }) }));
    expect(plan).toMatchObject({ kind: 'not-found' });
    expect(plan.kind === 'not-found' && plan.message).toMatch(/DAG daily_sales has runs but is not defined in any of the 1 Python file\(s\) under dags\//);
  });

  it('names a DAG file above max_dag_file_mb as not read, and reads it under a larger limit', async () => {
    const large = `${DAG}${'# padding\n'.repeat(120_000)}`;
    const refused = await planProposal(request({ repo: repo({ 'dags/daily_sales.py': large }), max_dag_file_mb: 1 }));
    expect(refused.kind === 'not-found' && refused.message).toMatch(
      /Not read: dags\/daily_sales\.py is 1\.1 MB, above the 1 MB limit for DAG files \(max_dag_file_mb\), so it was not parsed; skipped\.$/,
    );
    expect(await planProposal(request({ repo: repo({ 'dags/daily_sales.py': large }), max_dag_file_mb: 2 }))).toMatchObject({ kind: 'proposal' });
  });

  it('names what a person must look at when no configuration change helps', async () => {
    const failing = (d: number) => run(d, 5, { status: 'failed', failure_reason: 'java.io.FileNotFoundException: s3://in/2026-11-19', tasks_failed: 4, tasks_total: 10 });
    const plan = await planProposal(request({ summaries: [failing(3), failing(2), failing(1)] }));
    expect(plan.kind).toBe('no-change');
    expect(plan.kind === 'no-change' && plan.message).toMatch(/^No change proposed for daily_sales\. A person should look: /);
  });

  it('passes the refusal of an unsafe edit through', async () => {
    const templated = DAG.replace('"16g"', 'f"{MEM}g"');
    const plan = await planProposal(request({ repo: repo({ 'dags/daily_sales.py': templated }) }));
    expect(plan.kind).toBe('refused');
    expect(plan.kind === 'refused' && plan.reason).toMatch(/f-string/);
  });

  it('leaves out what the repository config says to ignore, and says so', async () => {
    const plan = await planProposal(request({ ignore: [{ dag: 'daily_sales', task: 'load_orders', keys: ['spark.executor.memory'] }] }));
    expect(plan.kind).toBe('no-change');
    expect(plan.kind === 'no-change' && plan.message).toContain(
      'Ignored as .github/spark-tuner.yml asks: spark.executor.memory 16g → 8g.',
    );
    const other = await planProposal(request({ ignore: [{ dag: 'daily_sales', keys: ['spark.executor.cores'] }] }));
    expect(other.kind).toBe('proposal');
  });
});
