import { describe, expect, it } from 'vitest';
import { quantilesOfSorted } from '../../../src/metrics/eventlog/quantiles.js';
import { durationSkew } from '../../../src/metrics/eventlog/task-skew.js';
import { hasSharedEvents } from '../../support/shared-data.js';
import { HS, SPARK } from './support/history-server.js';
import { readExpectation, stageDistributionsOf } from './support/shared-summary.js';

interface TaskMetricDistributions {
  quantiles: number[];
  duration: number[];
  shuffleReadMetrics: { readBytes: number[] };
}

/** The History Server's per-stage task quantiles (`taskSummary`, `withSummaries`) against ours. */
const CASES: [oracle: string, log: string, stage: string, pick: (json: unknown) => TaskMetricDistributions][] = [
  ['stage_task_summary_w_shuffle_write', 'local-1430917381534', '0.0', (json) => json as TaskMetricDistributions],
  ['stage_task_summary_w_shuffle_read', 'local-1430917381534', '1.0', (json) => json as TaskMetricDistributions],
  ['stage_task_summary_w__custom_quantiles', 'local-1430917381534', '0.0', (json) => json as TaskMetricDistributions],
  ['stage_with_summaries', 'app-20200706201101-0003', '2.0', (json) => (json as { taskMetricsDistributions: TaskMetricDistributions }).taskMetricsDistributions],
];

describe.skipIf(!hasSharedEvents)('oracles: the History Server\'s per-stage task quantiles', () => {
  it.each(CASES)('%s (%s, stage %s): duration and shuffle read bytes', async (oracle, log, stage, pick) => {
    const expected = pick(readExpectation(`${HS}/${oracle}_expectation.json`));
    const { stages } = await stageDistributionsOf(`${SPARK}/${log}`);
    const ours = stages.get(stage);
    expect(ours).toBeDefined();
    expect(quantilesOfSorted(ours?.durationsMs ?? [], expected.quantiles)).toEqual(expected.duration);
    expect(quantilesOfSorted(ours?.shuffleReadBytes ?? [], expected.quantiles)).toEqual(expected.shuffleReadMetrics.readBytes);
  });

  it('stage_with_summaries: the stage\'s skew ratio is its max over its median, as the oracle gives them', async () => {
    const expected = readExpectation<{ taskMetricsDistributions: TaskMetricDistributions }>(`${HS}/stage_with_summaries_expectation.json`);
    const { quantiles, duration } = expected.taskMetricsDistributions;
    const median = duration[quantiles.indexOf(0.5)] ?? NaN;
    const max = duration[quantiles.indexOf(1)] ?? NaN;
    const { row, stages } = await stageDistributionsOf(`${SPARK}/app-20200706201101-0003`);
    expect(durationSkew(stages.get('2.0')?.durationsMs ?? [])?.ratio).toBe(max / median);
    expect(row).toMatchObject({ max_task_skew_ratio: max / median, skew_stage_id: 2, skew_stage_task_max_ms: max });
  });
});
