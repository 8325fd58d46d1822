import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSection } from '../../src/dashboard/body-markers.js';
import { VERIFICATION_SECTION } from '../../src/dashboard/verification-section.js';
import { rewriteDag } from '../../src/dags/rewrite.js';
import type { MetricsQuery } from '../../src/metrics/source.js';
import { fingerprintMarker } from '../../src/publish/github/fingerprint-marker.js';
import { dashboardHooks } from '../../src/sweep/dashboard-hooks.js';
import type { RepoReport } from '../../src/sweep/types.js';
import { encodeRecord, recordMarker } from '../../src/verify/record-marker.js';
import { readRevertOf } from '../../src/verify/revert-proposal.js';
import { startGitHubStandIn, type GitHubStandIn, type StandInPull } from '../support/github-stand-in.js';
import { sweeper } from './support/sweep-harness.js';
import { verifyHistories } from './support/verify-histories.js';

/**
 * Generated histories of a cut followed by OOMs (verify-oom*), merged, then swept with `verify.auto_revert`:
 * - verify_oom: the file still holds the proposed 8g → ONE revert PR whose file is the original bytes;
 * - verify_oom_changed: a person set 12g after the merge → only the comment, saying why;
 * - verify_oom_refused: the value moved into a constant shared by two tasks → refused, on the dashboard.
 */
const SCENARIOS = [['verify-oom', 'verify_oom'], ['verify-oom-changed', 'verify_oom_changed'], ['verify-oom-refused', 'verify_oom_refused']] as const;
const REPO = 'acme/pipelines';
const histories = verifyHistories(SCENARIOS);
const { mergedAt } = histories;
let github: GitHubStandIn | null = null;

/** A DAG file as a team writes it: CRLF, single quotes, a comment on the value, no final newline. */
function original(dagId: string): string {
  return [
    'from airflow import DAG\r',
    'from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator\r',
    '\r',
    `with DAG(dag_id='${dagId}', schedule='0 2 * * *') as dag:\r`,
    '    transform = SparkSubmitOperator(\r',
    "        task_id='transform',\r",
    "        application='s3://jobs/transform.py',\r",
    "        executor_memory='16g',  # sized for the 2025 backfill\r",
    '    )',
  ].join('\n');
}

const SHARED = [
  'from airflow import DAG',
  'from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator',
  '',
  'MEMORY = "8g"',
  '',
  "with DAG(dag_id='verify_oom_refused') as dag:",
  '    SparkSubmitOperator(task_id="transform", application="t.py", executor_memory=MEMORY)',
  '    SparkSubmitOperator(task_id="load", application="l.py", executor_memory=MEMORY)',
  '',
].join('\n');

async function mergedFiles(): Promise<Record<string, string>> {
  const tuned = await rewriteDag(original('verify_oom'), 'verify_oom', [{ task_id: 'transform', settings: [{ key: 'spark.executor.memory', value: '8g' }] }], { path: 'dags/verify_oom.py' });
  if (tuned.kind !== 'edited') throw new Error(JSON.stringify(tuned));
  return {
    '.github/spark-tuner.yml': 'dag_paths: [dags/]\n',
    'dags/verify_oom.py': tuned.content,
    'dags/verify_oom_changed.py': original('verify_oom_changed').replace("'16g'", "'12g'"),
    'dags/verify_oom_refused.py': SHARED,
  };
}

function mergedPull(number: number, dagId: string): StandInPull {
  const merged = new Date(mergedAt.get(dagId) ?? 0).toISOString();
  const record = encodeRecord(dagId, { since: 0, until: mergedAt.get(dagId) ?? 0 }, [
    { task_id: 'transform', key: 'spark.executor.memory', old_value: '16g', new_value: '8g', line: 8 },
  ]);
  return {
    number, state: 'closed', title: `Tune ${dagId}.transform: spark.executor.memory 16g → 8g`, html_url: `https://github.example/${REPO}/pull/${number}`,
    head: { ref: `spark-tuner/${dagId}`, sha: 'c'.repeat(40) },
    body: `Tune\n\n${recordMarker(record)}\n${fingerprintMarker(`fp-${dagId}`)}\n`,
    ...{ merged_at: merged, updated_at: merged, user: { login: 'spark-tuner[bot]' }, labels: [{ name: 'spark-tuning' }] },
  };
}

beforeAll(() => histories.load(), 120_000);

afterEach(async () => {
  await github?.close();
  github = null;
});

afterAll(() => histories.cleanup());

describe('the sweep reverts what regressed', () => {
  it('opens one revert PR with the original bytes, only comments over a person’s change, reports a refused revert on the dashboard; never twice', async () => {
    github = await startGitHubStandIn({ installations: [{ id: 1, account: 'acme', repos: [{ name: 'pipelines', files: await mergedFiles() }] }] });
    github.pulls(REPO).push(mergedPull(1, 'verify_oom'), mergedPull(2, 'verify_oom_changed'), mergedPull(3, 'verify_oom_refused'));
    const queries: MetricsQuery[] = [];
    const silent = { info() {}, warn() {}, error() {} };
    const hooks = dashboardHooks(async () => 'spark-tuner[bot]', silent);
    const sweep = sweeper(github, { plans: {}, source: histories.source(queries), hooks });

    const first = (await sweep.run()).reports[0] as RepoReport;

    expect(first.verification.map(({ pr, kind, verdict, revert }) => [pr.number, kind, verdict, revert?.kind])).toEqual([
      [1, 'decided', 'regressed', 'opened'],
      [2, 'decided', 'regressed', 'changed'],
      [3, 'decided', 'regressed', 'refused'],
    ]);
    const reverts = github.pulls(REPO).filter((pr) => pr.head.ref.startsWith('spark-tuner/revert-'));
    expect(reverts.map((pr) => [pr.number, pr.head.ref, pr.state, readRevertOf(pr.body)])).toEqual([[4, 'spark-tuner/revert-verify_oom', 'open', 1]]);
    // byte for byte the file before the tuning: CRLF, quotes, the comment, no final newline
    expect(github.file(REPO, 'spark-tuner/revert-verify_oom', 'dags/verify_oom.py')).toBe(original('verify_oom'));
    expect(github.labels(REPO)).toContainEqual({ issue: 4, labels: ['spark-tuning', 'reliability'] });
    expect(github.labels(REPO).filter((entry) => entry.labels.includes('spark-tuning:regressed')).map((entry) => entry.issue)).toEqual([1, 2, 3]);

    const comments = github.comments(REPO).filter((comment) => comment.issue <= 3);
    expect(comments.map((comment) => comment.issue)).toEqual([1, 2, 3]);
    expect(comments[0]?.body).toContain('Opened #4 to restore the previous values.');
    expect(comments[1]?.body).toContain('`spark.executor.memory` of task `transform` is now `12g`, not the `8g` this change set.');
    expect(comments[1]?.body).toContain("spark-tuner never reverts over a person's change");
    expect(comments[2]?.body).toContain('Not reverted: the revert edit was refused (');
    expect(github.file(REPO, 'spark-tuner/revert-verify_oom_changed', 'dags/verify_oom_changed.py')).toBeUndefined();

    const [dashboard] = github.issues(REPO);
    expect(dashboard?.body).toMatch(/## Refused edits\n\n- `verify_oom_refused`: the revert of #3: .*MEMORY/);
    const section = readSection(dashboard?.body ?? '', VERIFICATION_SECTION) ?? '';
    expect(section).toContain('- #1 `verify_oom`: regressed:');
    expect(section).toContain('Opened #4 to restore the previous values.');

    // The second sweep, and a fresh process: nothing posted, no second revert PR, the same dashboard.
    await sweep.run();
    const fresh = sweeper(github, { plans: {}, source: histories.source(queries), hooks: dashboardHooks(async () => 'spark-tuner[bot]', silent) });
    const third = (await fresh.run()).reports[0] as RepoReport;
    expect(third.verification.map(({ kind, revert }) => [kind, revert?.kind])).toEqual([
      ['labelled', 'opened'],
      ['labelled', 'changed'],
      ['labelled', 'refused'],
    ]);
    expect(github.pulls(REPO)).toHaveLength(4);
    expect(github.comments(REPO).filter((comment) => comment.issue <= 3)).toHaveLength(3);
    expect(github.issues(REPO)).toHaveLength(1);
    expect(github.issues(REPO)[0]?.body).toBe(dashboard?.body);

    // A person takes the regressed label off #1: it is verified again, and its revert PR is found by its marker.
    const pr1 = github.pulls(REPO).find((pr) => pr.number === 1);
    if (pr1) pr1.labels = [{ name: 'spark-tuning' }];
    const again = (await sweeper(github, { plans: {}, source: histories.source(queries) }).run()).reports[0] as RepoReport;
    expect(again.verification[0]).toMatchObject({ kind: 'decided', revert: { kind: 'exists', pr: 4 } });
    expect(github.pulls(REPO)).toHaveLength(4);
    expect(github.comments(REPO).filter((comment) => comment.issue <= 3)).toHaveLength(3);
  });
});
