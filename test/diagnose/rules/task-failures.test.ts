import { describe, expect, it } from 'vitest';
import { taskFailures as rule } from '../../../src/diagnose/rules/task-failures.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { ruleInputOf, run, threeRuns } from '../../support/runs.js';

const fetchFailed = (daysAgo: number, extra: Partial<ApplicationSummary> = {}): ApplicationSummary =>
  run(daysAgo, 5, { tasks_total: 400, tasks_failed: 3, fetch_failures: 3, stages_failed: 1, stage_attempts_retried: 1, failure_causes: [{ cause: 'FetchFailed', count: 3 }], ...extra });

describe('rule task-failures', () => {
  it('retries shuffle fetches longer after fetch failures in runs that then succeeded', () => {
    const finding = rule.evaluate(ruleInputOf([...threeRuns({}, 5), fetchFailed(0.5)]), rule.defaults, 'eventlogs').finding;
    expect(finding).toMatchObject({ needs_human: false, title: 'Shuffle fetch failures in 1 of 4 runs' });
    expect(finding?.recommendations.map((r) => `${r.key}=${r.current}→${r.proposed}`)).toEqual([
      'spark.shuffle.io.maxRetries=null→10',
      'spark.shuffle.io.retryWait=null→30s',
    ]);
  });

  it('keeps retry settings that are already as long', () => {
    const conf = { 'spark.shuffle.io.maxRetries': '12', 'spark.shuffle.io.retryWait': '60s' };
    const finding = rule.evaluate(ruleInputOf([fetchFailed(0.5, { spark_conf: conf })]), rule.defaults, 'eventlogs').finding;
    expect(finding).toMatchObject({ needs_human: true, recommendations: [] });
  });

  it.each([
    ['a run failed for a missing file', run(0.5, null, { status: 'failed', failure_reason: 'java.io.FileNotFoundException: s3://x', tasks_total: 10, tasks_failed: 4, failure_causes: [{ cause: 'ExceptionFailure: java.io.FileNotFoundException', count: 4 }] }), '1 of 4 runs failed'],
    ['a run lost 6% of its tasks to an exception', run(0.5, 5, { tasks_total: 100, tasks_failed: 6, failure_causes: [{ cause: 'ExceptionFailure: java.lang.RuntimeException', count: 6 }] }), '1 of 4 runs lost at least 5% of their tasks'],
  ])('asks a person when %s', (_why, bad, title) => {
    const finding = rule.evaluate(ruleInputOf([...threeRuns({}, 5), bad]), rule.defaults, 'eventlogs').finding;
    expect(finding).toMatchObject({ needs_human: true, recommendations: [], title });
    expect(finding?.evidence.runs.map((r) => r.app_id)).toEqual([bad.app_id]);
  });

  it.each([
    ['runs failed only for memory (the memory rules own them)', run(0.5, null, { status: 'failed', oom_failures: 4, failure_reason: 'Job aborted: java.lang.OutOfMemoryError: Java heap space', failure_causes: [{ cause: 'ExceptionFailure: java.lang.OutOfMemoryError', count: 4 }] })],
    ['fetch failures after containers were killed for memory', fetchFailed(0.5, { failure_causes: [{ cause: 'FetchFailed', count: 3 }, { cause: 'ExecutorLostFailure (exit code 137)', count: 1 }] })],
    ['4% of tasks failed', run(0.5, 5, { tasks_total: 100, tasks_failed: 4, failure_causes: [{ cause: 'ExceptionFailure: java.lang.RuntimeException', count: 4 }] })],
  ])('stays silent when %s', (_why, other) => {
    expect(rule.evaluate(ruleInputOf([...threeRuns({}, 5), other]), rule.defaults, 'eventlogs').finding).toBeNull();
  });
});
