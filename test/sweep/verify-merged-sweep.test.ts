import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/generator/scenarios.js';
import { VERIFY_RUNS_BEFORE, verifyMergeTime } from '../../src/generator/verify-scenarios.js';
import { summarizeEventLogs } from '../../src/metrics/eventlog/summarize-event-logs.js';
import type { MetricsQuery, MetricsSource } from '../../src/metrics/source.js';
import type { ApplicationSummary } from '../../src/metrics/summary.js';
import { fingerprintMarker } from '../../src/publish/github/fingerprint-marker.js';
import { dashboardContent } from '../../src/sweep/dashboard-hooks.js';
import type { RepoReport } from '../../src/sweep/types.js';
import { VERDICT_MARKER } from '../../src/verify/github/verdict-comment.js';
import { encodeRecord, recordMarker } from '../../src/verify/record-marker.js';
import { startGitHubStandIn, type GitHubStandIn, type StandInPull } from '../support/github-stand-in.js';
import { NOW, repoFiles, sweeper } from './support/sweep-harness.js';

/** The sweep verifies the app's merged PRs: verify-held → verified, verify-oom → regressed; once, across sweeps. */
const summaries: ApplicationSummary[] = [];
const mergedAt = new Map<string, number>();
const dirs: string[] = [];
let github: GitHubStandIn | null = null;

beforeAll(async () => {
  for (const [scenario, dagId] of [['verify-held', 'verify_held'], ['verify-oom', 'verify_oom']] as const) {
    const dir = await mkdtemp(path.join(tmpdir(), `spark-tuner-${scenario}-`));
    dirs.push(dir);
    const loaded = (await summarizeEventLogs(await generateScenario(scenario, { outDir: dir, now: new Date(NOW) }))).summaries;
    const starts = loaded.map((s) => s.start_time ?? 0).sort((a, b) => a - b);
    mergedAt.set(dagId, verifyMergeTime(starts[VERIFY_RUNS_BEFORE] ?? 0));
    summaries.push(...loaded);
  }
}, 120_000);

afterEach(async () => {
  await github?.close();
  github = null;
});

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function source(queries: MetricsQuery[]): MetricsSource {
  return {
    name: 'eventlogs',
    async load(query) {
      queries.push(query);
      const ids: readonly (string | null)[] = query.dag_ids ?? [query.dag_id];
      return { summaries: summaries.filter((run) => ids.includes(run.dag_id)), problems: [] };
    },
  };
}

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
    const sweep = sweeper(github, { plans: {}, source: source(queries) });

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
    const fresh = sweeper(github, { plans: {}, source: source(queries) });
    const third = (await fresh.run()).reports[0] as RepoReport;
    expect(dashboardContent(third).verification).toEqual(dashboardContent(second).verification);
    expect(github.comments('acme/pipelines')).toHaveLength(2);
    expect(github.labels('acme/pipelines')).toHaveLength(2);
    expect(queries.slice(queriesBefore).every((query) => query.dag_id === null)).toBe(true);
  });
});
