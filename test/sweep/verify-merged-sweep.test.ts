import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsQuery } from '../../src/metrics/source.js';
import { fingerprintMarker } from '../../src/publish/github/fingerprint-marker.js';
import { dashboardContent } from '../../src/sweep/dashboard-hooks.js';
import type { RepoReport } from '../../src/sweep/types.js';
import { VERDICT_MARKER } from '../../src/verify/github/verdict-comment.js';
import { encodeRecord, recordMarker } from '../../src/verify/record-marker.js';
import { startGitHubStandIn, type GitHubStandIn, type StandInPull } from '../support/github-stand-in.js';
import { repoFiles, sweeper } from './support/sweep-harness.js';
import { verifyHistories } from './support/verify-histories.js';

/** The sweep verifies the app's merged PRs: verify-held → verified, verify-oom → regressed; once, across sweeps. */
const histories = verifyHistories([['verify-held', 'verify_held'], ['verify-oom', 'verify_oom']]);
const { mergedAt } = histories;
let github: GitHubStandIn | null = null;

beforeAll(() => histories.load(), 120_000);

afterEach(async () => {
  await github?.close();
  github = null;
});

afterAll(() => histories.cleanup());

function mergedPull(number: number, dagId: string): StandInPull {
  const merged = new Date(mergedAt.get(dagId) ?? 0).toISOString();
  const record = encodeRecord(dagId, { since: 0, until: mergedAt.get(dagId) ?? 0 }, [
    { task_id: 'transform', key: 'spark.executor.memory', old_value: '16g', new_value: '8g', line: 5 },
  ]);
  return {
    number, state: 'closed', title: `Tune ${dagId}.transform`, html_url: `https://github.example/acme/pipelines/pull/${number}`,
    head: { ref: `spark-tuner/${dagId}`, sha: 'c'.repeat(40) },
    body: `Tune\n\n${recordMarker(record)}\n${fingerprintMarker(`fp-${dagId}`)}\n`,
    ...{ merged_at: merged, updated_at: merged, user: { login: 'spark-tuner[bot]' }, labels: [{ name: 'spark-tuning' }] },
  };
}

describe('the sweep verifies merged spark-tuner pull requests', () => {
  it('comments once and labels verified/regressed; later sweeps post nothing and query no metrics', async () => {
    github = await startGitHubStandIn({ installations: [{ id: 1, account: 'acme', repos: [{ name: 'pipelines', files: repoFiles(['verify_held', 'verify_oom']) }] }] });
    github.pulls('acme/pipelines').push(mergedPull(1, 'verify_held'), mergedPull(2, 'verify_oom'));
    const queries: MetricsQuery[] = [];
    const sweep = sweeper(github, { plans: {}, source: histories.source(queries) });

    const first = (await sweep.run()).reports[0] as RepoReport;

    expect(first.verification.map(({ pr, kind, verdict }) => [pr.number, kind, verdict])).toEqual([
      [1, 'decided', 'verified'],
      [2, 'decided', 'regressed'],
    ]);
    const comments = github.comments('acme/pipelines');
    expect(comments.map((comment) => comment.issue)).toEqual([1, 2]);
    expect(comments[0]?.body).toContain(VERDICT_MARKER);
    expect(comments[0]?.body).toContain('### verify_held.transform: verified');
    expect(comments[1]?.body).toContain('### verify_oom.transform: regressed');
    expect(github.labels('acme/pipelines')).toEqual([
      { issue: 1, labels: ['spark-tuning:verified'] },
      { issue: 2, labels: ['spark-tuning:regressed'] },
    ]);
    expect(dashboardContent(first).verification.map((entry) => [entry.pr_number, entry.dag_id, entry.outcome.split(':')[0]])).toEqual([
      [1, 'verify_held', 'verified'],
      [2, 'verify_oom', 'regressed'],
    ]);

    // The same process, the base branch unchanged: no call for verification at all.
    const before = github.calls.length;
    const queriesBefore = queries.length;
    const second = (await sweep.run()).reports[0] as RepoReport;
    const calls = github.calls.slice(before).filter((call) => call.path.startsWith('/repos/acme/pipelines/'));
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /repos/acme/pipelines/branches/main', 'GET /repos/acme/pipelines/pulls']);
    expect(queries.length - queriesBefore).toBe(1);
    expect(second.verification.map(({ kind, verdict }) => [kind, verdict])).toEqual([
      ['labelled', 'verified'],
      ['labelled', 'regressed'],
    ]);

    // A new process (no cache): the labels say the PRs are handled; no comment, no label call, no verify query.
    const fresh = sweeper(github, { plans: {}, source: histories.source(queries) });
    const third = (await fresh.run()).reports[0] as RepoReport;
    expect(dashboardContent(third).verification).toEqual(dashboardContent(second).verification);
    expect(github.comments('acme/pipelines')).toHaveLength(2);
    expect(github.labels('acme/pipelines')).toHaveLength(2);
    expect(queries.slice(queriesBefore).every((query) => query.dag_id === null)).toBe(true);
  });
});
