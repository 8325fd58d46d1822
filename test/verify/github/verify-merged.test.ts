import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REPO_CONFIG } from '../../../src/config/repo-config-schema.js';
import { generateScenario } from '../../../src/generator/scenarios.js';
import { VERIFY_RUNS_BEFORE, verifyMergeTime } from '../../../src/generator/verify-scenarios.js';
import { summarizeEventLogs } from '../../../src/metrics/eventlog/summarize-event-logs.js';
import type { MetricsQuery, MetricsSource } from '../../../src/metrics/source.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { fingerprintMarker } from '../../../src/publish/github/fingerprint-marker.js';
import { dashboardContent } from '../../../src/sweep/dashboard-hooks.js';
import { newReport } from '../../../src/sweep/new-report.js';
import { VERDICT_MARKER } from '../../../src/verify/github/verdict-comment.js';
import { verifyMergedPrs } from '../../../src/verify/github/verify-merged.js';
import { encodeRecord, recordMarker } from '../../../src/verify/record-marker.js';
import { githubRepoFiles } from '../../../src/publish/github/repo-files.js';
import { readVerdictNote } from '../../../src/verify/github/verdict-marker.js';
import { readRevertOf } from '../../../src/verify/revert-proposal.js';
import { API, BASE_SHA, BOT_LOGIN, expectNoPendingMocks, mockLabelsExist, mockTree, OWNER, REPO, REPO_PATH, testOctokit, TREE_SHA } from '../../publish/github/support/github-mock.js';

/** Merged spark-tuner PRs whose runs after the merge held (verify-held) or ran out of memory (verify-oom). */
const NOW = Date.parse('2026-11-21T09:30:00Z');
const repo = { owner: OWNER, repo: REPO };
const config = { ...DEFAULT_REPO_CONFIG, verify: { ...DEFAULT_REPO_CONFIG.verify, auto_revert: false } };
/** verify_oom's DAG file before the tuning (CRLF, a comment, single quotes) and as the merge left it. */
const ORIGINAL = [
  'from airflow import DAG\r',
  'from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator\r',
  '\r',
  'with DAG(dag_id="verify_oom") as dag:\r',
  "    SparkSubmitOperator(task_id='transform', application='t.py', executor_memory='16g')  # sized in 2024\r",
].join('\n');
const MERGED = ORIGINAL.replace("'16g'", "'8g'");
const DAG_PATH = 'dags/verify_oom.py';
const runs = new Map<string, { summaries: ApplicationSummary[]; mergedAt: number }>();
const dirs: string[] = [];

async function load(scenario: string, dagId: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), `spark-tuner-${scenario}-`));
  dirs.push(dir);
  const { summaries } = await summarizeEventLogs(await generateScenario(scenario, { outDir: dir, now: new Date(NOW) }));
  const starts = summaries.map((s) => s.start_time ?? 0).sort((a, b) => a - b);
  runs.set(dagId, { summaries, mergedAt: verifyMergeTime(starts[VERIFY_RUNS_BEFORE] ?? 0) });
}

function source(queries: MetricsQuery[]): MetricsSource {
  return {
    name: 'eventlogs',
    async load(query) {
      queries.push(query);
      return { summaries: runs.get(query.dag_id ?? '')?.summaries ?? [], problems: [] };
    },
  };
}

function pull(number: number, dagId: string, labels: string[] = [], overrides: object = {}) {
  const { mergedAt } = runs.get(dagId) ?? { mergedAt: 0 };
  const record = encodeRecord(dagId, { since: 0, until: mergedAt }, [{ task_id: 'transform', key: 'spark.executor.memory', old_value: '16g', new_value: '8g', line: 9 }]);
  return {
    number,
    html_url: `https://github.com/${OWNER}/${REPO}/pull/${number}`,
    head: { ref: `spark-tuner/${dagId}` },
    user: { login: BOT_LOGIN },
    body: `Tune ${dagId}\n\n${recordMarker(record)}\n${fingerprintMarker(`fp-${dagId}`)}\n`,
    merged_at: new Date(mergedAt).toISOString(),
    updated_at: new Date(mergedAt).toISOString(),
    labels: labels.map((name) => ({ name })),
    ...overrides,
  };
}

function mockList(scope: nock.Scope, pulls: object[]): void {
  scope.get(`${REPO_PATH}/pulls`).query({ state: 'closed', sort: 'updated', direction: 'desc', per_page: '100', page: '1' }).reply(200, pulls);
}

function run(queries: MetricsQuery[] = [], extra: { dag_id?: string; recheck?: boolean; config?: typeof config } = {}) {
  const octokit = testOctokit();
  const base = async () => ({ branch: 'master', commit_sha: BASE_SHA, tree_sha: TREE_SHA, files: githubRepoFiles(octokit, repo, TREE_SHA) });
  return verifyMergedPrs({ octokit, repo, config, source: source(queries), now: NOW, botLogin: BOT_LOGIN, base, ...extra });
}

/** Mocks the verdict note written into the PR body, and keeps the body. */
function captureBody(scope: nock.Scope, number: number): () => string {
  let body = '';
  scope.patch(`${REPO_PATH}/pulls/${number}`).reply(200, (_uri, request) => {
    body = (request as { body: string }).body;
    return { number };
  });
  return () => body;
}

const REVERT_BRANCH = 'spark-tuner/revert-verify_oom';
const revertList = { head: `${OWNER}:${REVERT_BRANCH}`, state: 'all', per_page: '100' };

beforeAll(async () => {
  nock.disableNetConnect();
  await load('verify-held', 'verify_held');
  await load('verify-oom', 'verify_oom');
}, 120_000);

afterEach(() => expectNoPendingMocks());

afterAll(async () => {
  nock.cleanAll();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('verifyMergedPrs', () => {
  it('comments once with the tables and labels a PR whose runs held (verified) and one that ran out of memory (regressed)', async () => {
    const scope = nock(API);
    mockList(scope, [pull(3, 'verify_held'), pull(4, 'verify_oom')]);
    const comments: Record<number, string> = {};
    const labels: Record<number, string[]> = {};
    const bodies: Record<number, () => string> = {};
    for (const number of [3, 4]) {
      bodies[number] = captureBody(scope, number);
      scope.get(`${REPO_PATH}/issues/${number}/comments`).query({ per_page: '100' }).reply(200, []);
      scope.post(`${REPO_PATH}/issues/${number}/comments`).reply(201, (_uri, body) => {
        comments[number] = (body as { body: string }).body;
        return { id: number };
      });
      scope.post(`${REPO_PATH}/issues/${number}/labels`).reply(200, (_uri, body) => {
        labels[number] = (body as { labels: string[] }).labels;
        return [];
      });
    }
    scope.get(`${REPO_PATH}/labels/spark-tuning%3Averified`).reply(404, { message: 'Not Found' });
    scope.post(`${REPO_PATH}/labels`, (body) => body.name === 'spark-tuning:verified').reply(201, {});
    scope.get(`${REPO_PATH}/labels/spark-tuning%3Aregressed`).reply(200, { name: 'spark-tuning:regressed' });
    const queries: MetricsQuery[] = [];

    const outcomes = await run(queries);

    expect(outcomes.map(({ pr, kind, verdict }) => ({ number: pr.number, kind, verdict }))).toEqual([
      { number: 3, kind: 'decided', verdict: 'verified' },
      { number: 4, kind: 'decided', verdict: 'regressed' },
    ]);
    expect(queries.map((query) => query.dag_id)).toEqual(['verify_held', 'verify_oom']);
    expect(comments[3]).toContain(VERDICT_MARKER);
    expect(comments[3]).toContain('### verify_held.transform: verified');
    expect(comments[3]).toContain('| Runs (successful) | 5 (5) | 5 (5) |');
    expect(comments[4]).toContain('### verify_oom.transform: regressed');
    expect(comments[4]).toContain('Not reverted: `verify.auto_revert` is off');
    expect(labels).toEqual({ 3: ['spark-tuning:verified'], 4: ['spark-tuning:regressed'] });
    // the measured saving of the verified change stays in its body for later sweeps
    const note = readVerdictNote(bodies[3]?.());
    expect(note?.savings).toHaveLength(1);
    expect(note?.savings[0]?.gb_hours_per_month).toBeGreaterThan(0);
    expect(outcomes[0]?.savings).toEqual(note?.savings);
    expect(bodies[3]?.()).toContain('<!-- spark-tuner:fingerprint=fp-verify_held -->');
    expect(readVerdictNote(bodies[4]?.())).toMatchObject({ verdict: 'regressed', savings: [], revert: { kind: 'off' } });

    const report = { ...newReport(repo), verification: outcomes };
    expect(dashboardContent(report).verification.map((entry) => [entry.pr_number, entry.dag_id, entry.outcome.split(':')[0]])).toEqual([
      [3, 'verify_held', 'verified'],
      [4, 'verify_oom', 'regressed'],
    ]);
  });

  it('makes no further call for a PR that already carries its verdict label (the second sweep)', async () => {
    const scope = nock(API);
    mockList(scope, [pull(3, 'verify_held', ['spark-tuning:verified']), pull(4, 'verify_oom', ['spark-tuning', 'spark-tuning:regressed'])]);
    const queries: MetricsQuery[] = [];

    const outcomes = await run(queries);

    expect(outcomes.map(({ kind, verdict }) => [kind, verdict])).toEqual([
      ['labelled', 'verified'],
      ['labelled', 'regressed'],
    ]);
    expect(queries).toEqual([]);
  });

  it('does not comment twice when the comment is there but the label did not stick', async () => {
    const scope = nock(API);
    mockList(scope, [pull(3, 'verify_held')]);
    scope.get(`${REPO_PATH}/issues/3/comments`).query({ per_page: '100' }).reply(200, [{ user: { login: BOT_LOGIN }, body: `${VERDICT_MARKER}\nearlier` }]);
    captureBody(scope, 3);
    scope.get(`${REPO_PATH}/labels/spark-tuning%3Averified`).reply(200, { name: 'spark-tuning:verified' });
    scope.post(`${REPO_PATH}/issues/3/labels`).reply(200, []);

    expect((await run())[0]).toMatchObject({ kind: 'decided', verdict: 'verified' });
  });

  it('posts nothing while runs are missing, skips PRs without a record, and leaves out other PRs', async () => {
    const scope = nock(API);
    const old = pull(5, 'verify_held', [], { body: `Tune\n\n${fingerprintMarker('fp-old')}\n` });
    mockList(scope, [
      pull(3, 'verify_held', [], { merged_at: new Date(NOW - 86_400_000).toISOString() }),
      old,
      pull(6, 'verify_held', [], { user: { login: 'octocat' } }),
      pull(7, 'verify_held', [], { head: { ref: 'spark-tuner/revert-verify_held' } }),
      pull(8, 'verify_held', [], { merged_at: null }),
      pull(9, 'verify_held', [], { merged_at: new Date(NOW - 40 * 86_400_000).toISOString() }),
    ]);

    const outcomes = await run();

    expect(outcomes.map(({ pr, kind }) => [pr.number, kind])).toEqual([
      [3, 'pending'],
      [5, 'skipped'],
    ]);
    expect(outcomes[1]?.sentence).toContain('predates recorded values');
  });

  it('with a DAG and recheck (the command): only that DAG, tables again for a labelled PR, nothing posted', async () => {
    const scope = nock(API);
    mockList(scope, [pull(3, 'verify_held', ['spark-tuning:verified']), pull(4, 'verify_oom')]);
    const queries: MetricsQuery[] = [];

    const outcomes = await run(queries, { dag_id: 'verify_held', recheck: true });

    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ kind: 'labelled', verdict: 'verified' });
    expect(outcomes[0]?.verifications[0]?.status).toBe('verified');
    expect(queries.map((query) => query.dag_id)).toEqual(['verify_held']);
  });
});

describe('verifyMergedPrs with verify.auto_revert (the default)', () => {
  const autoRevert = { ...config, verify: { ...config.verify, auto_revert: true } };

  function mockRegressedVerdict(scope: nock.Scope, comments: object[] = []): { comment: () => string; body: () => string } {
    let comment = '';
    scope.get(`${REPO_PATH}/issues/4/comments`).query({ per_page: '100' }).reply(200, comments);
    if (comments.length === 0) {
      scope.post(`${REPO_PATH}/issues/4/comments`).reply(201, (_uri, request) => {
        comment = (request as { body: string }).body;
        return { id: 1 };
      });
    }
    const body = captureBody(scope, 4);
    mockLabelsExist(scope, ['spark-tuning:regressed']);
    scope.post(`${REPO_PATH}/issues/4/labels`, { labels: ['spark-tuning:regressed'] }).reply(200, []);
    return { comment: () => comment, body };
  }

  it('opens ONE revert PR on spark-tuner/revert-<dag_id> whose file is byte for byte the one before the tuning', async () => {
    const scope = nock(API);
    mockList(scope, [pull(4, 'verify_oom')]);
    scope.get(`${REPO_PATH}/pulls`).query(revertList).twice().reply(200, []);
    mockTree(scope, [{ path: DAG_PATH, content: MERGED }])(DAG_PATH);
    scope.get(`${REPO_PATH}/git/ref/heads%2Fspark-tuner%2Frevert-verify_oom`).reply(404, { message: 'Not Found' });
    let tree: { base_tree: string; tree: { path: string; content: string }[] } | null = null;
    scope.post(`${REPO_PATH}/git/trees`).reply(201, (_uri, request) => {
      tree = request as typeof tree;
      return { sha: 'n'.repeat(40) };
    });
    scope.post(`${REPO_PATH}/git/commits`, (body) => body.parents[0] === BASE_SHA && body.message.includes('Spark-Tuner-Revert-Of: #4')).reply(201, { sha: 'm'.repeat(40) });
    scope.post(`${REPO_PATH}/git/refs`, { ref: `refs/heads/${REVERT_BRANCH}`, sha: 'm'.repeat(40) }).reply(201, {});
    let opened: { head: string; base: string; title: string; body: string } | null = null;
    scope.post(`${REPO_PATH}/pulls`).reply(201, (_uri, request) => {
      opened = request as typeof opened;
      return { number: 12, html_url: `https://github.com/${OWNER}/${REPO}/pull/12` };
    });
    mockLabelsExist(scope, ['spark-tuning', 'reliability']);
    scope.post(`${REPO_PATH}/issues/12/labels`, { labels: ['spark-tuning', 'reliability'] }).reply(200, []);
    const verdict = mockRegressedVerdict(scope);

    const [outcome] = await run([], { config: autoRevert });

    expect(outcome).toMatchObject({ kind: 'decided', verdict: 'regressed', revert: { kind: 'opened', pr: 12 } });
    expect(tree).toEqual({ base_tree: TREE_SHA, tree: [{ path: DAG_PATH, mode: '100644', type: 'blob', content: ORIGINAL }] });
    expect(opened).toMatchObject({ head: REVERT_BRANCH, base: 'master', title: 'Revert tuning of verify_oom.transform: spark.executor.memory 8g → 16g' });
    const body = (opened as { body: string } | null)?.body ?? '';
    expect(readRevertOf(body)).toBe(4);
    expect(body).toContain('| transform | `spark.executor.memory` | `8g` | `16g` |');
    expect(body).toContain('### verify_oom.transform: regressed');
    expect(body).toContain('| Runs with memory failures | 0 | 5 |');
    expect(verdict.comment()).toContain('they got worse.\n\nOpened #12 to restore the previous values.');
    expect(readVerdictNote(verdict.body())?.revert).toEqual({ kind: 'opened', pr: 12, sentence: 'Opened #12 to restore the previous values.', refused: null });
  });

  it('never opens a second revert for the same PR: an earlier one, even closed, carries its marker', async () => {
    const scope = nock(API);
    mockList(scope, [pull(4, 'verify_oom')]);
    const closed = { number: 12, state: 'closed', merged_at: null, html_url: 'https://github.com/x/pull/12', body: 'Revert\n\n<!-- spark-tuner:revert-of=4 -->\n' };
    scope.get(`${REPO_PATH}/pulls`).query(revertList).reply(200, [closed]);
    const verdict = mockRegressedVerdict(scope, [{ user: { login: BOT_LOGIN }, body: `${VERDICT_MARKER}\nearlier` }]);

    const [outcome] = await run([], { config: autoRevert });

    expect(outcome?.revert).toMatchObject({ kind: 'exists', pr: 12 });
    expect(readVerdictNote(verdict.body())?.revert?.kind).toBe('exists');
  });

  it('only comments, saying why, when a person changed the setting after the merge', async () => {
    const scope = nock(API);
    mockList(scope, [pull(4, 'verify_oom')]);
    scope.get(`${REPO_PATH}/pulls`).query(revertList).reply(200, []);
    mockTree(scope, [{ path: DAG_PATH, content: ORIGINAL.replace("'16g'", "'12g'") }])(DAG_PATH);
    const verdict = mockRegressedVerdict(scope);

    const [outcome] = await run([], { config: autoRevert });

    expect(outcome?.revert?.kind).toBe('changed');
    expect(verdict.comment()).toContain(
      "Not reverted: in `dags/verify_oom.py`, `spark.executor.memory` of task `transform` is now `12g`, not the `8g` this change set. Someone changed it after the merge, and spark-tuner never reverts over a person's change.",
    );
  });

  it('waits while another revert PR of the DAG is open, and reverts nothing with dry_run', async () => {
    const scope = nock(API);
    mockList(scope, [pull(4, 'verify_oom')]);
    const other = { number: 11, state: 'open', merged_at: null, html_url: 'https://github.com/x/pull/11', body: 'Revert\n\n<!-- spark-tuner:revert-of=2 -->\n' };
    scope.get(`${REPO_PATH}/pulls`).query(revertList).reply(200, [other]);
    let comment = '';
    scope.get(`${REPO_PATH}/issues/4/comments`).query({ per_page: '100' }).reply(200, []);
    scope.post(`${REPO_PATH}/issues/4/comments`).reply(201, (_uri, request) => {
      comment = (request as { body: string }).body;
      return { id: 1 };
    });
    captureBody(scope, 4);

    const [outcome] = await run([], { config: autoRevert });

    // no label: the next sweep tries the revert again
    expect(outcome?.revert?.kind).toBe('waiting');
    expect(comment).toContain('Not reverted yet: #11 is open on `spark-tuner/revert-verify_oom`');

    mockList(scope, [pull(4, 'verify_oom')]);
    scope.get(`${REPO_PATH}/pulls`).query(revertList).reply(200, []);
    mockTree(scope, [{ path: DAG_PATH, content: MERGED }])(DAG_PATH);
    const dry = mockRegressedVerdict(scope);

    const [dryRun] = await run([], { config: { ...autoRevert, dry_run: true } });

    expect(dryRun?.revert?.kind).toBe('off');
    expect(dry.comment()).toContain('Not reverted: `dry_run` is on; it would open a pull request restoring the previous values in `dags/verify_oom.py`.');
  });
});
