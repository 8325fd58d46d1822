import { describe, expect, it } from 'vitest';
import { emptySummary } from '../../../src/metrics/empty-summary.js';
import { StageTaskDistributions, type StageTaskDistribution } from '../../../src/metrics/eventlog/stage-task-distributions.js';

const ok = (durationMs: number, shuffleReadBytes = 0): { durationMs: number; shuffleReadBytes: number } => ({ durationMs, shuffleReadBytes });

/** Runs `tasks` successful tasks of one stage attempt, one after the other. */
function runStage(distributions: StageTaskDistributions, stageId: number, durations: number[], reads: number[] = []): void {
  durations.forEach((duration, index) => {
    const taskId = stageId * 1000 + index;
    distributions.onTaskStart(stageId, 0, taskId);
    distributions.onTaskEnd(stageId, 0, taskId, ok(duration, reads[index] ?? 0));
  });
  distributions.onStageCompleted(stageId, 0);
}

describe('StageTaskDistributions', () => {
  it('hands each completed stage attempt\'s sorted successful values to the listener, failed attempts left out', () => {
    const seen: StageTaskDistribution[] = [];
    const distributions = new StageTaskDistributions((stage) => seen.push({ ...stage, durationsMs: stage.durationsMs.slice() }));
    distributions.onTaskStart(3, 1, 1);
    distributions.onTaskStart(3, 1, 2);
    distributions.onTaskStart(3, 1, 3);
    distributions.onTaskEnd(3, 1, 1, ok(500, 10));
    distributions.onTaskEnd(3, 1, 2, null);
    distributions.onTaskEnd(3, 1, 3, ok(200, 30));
    expect(seen).toEqual([]);
    distributions.onStageCompleted(3, 1);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ stageId: 3, attemptId: 1 });
    expect([...(seen[0]?.durationsMs ?? [])]).toEqual([200, 500]);
    expect([...(seen[0]?.shuffleReadBytes ?? [])]).toEqual([10, 30]);
  });

  it('waits for tasks that end after their stage attempt completed (zombie tasks of a failed attempt)', () => {
    const seen: number[][] = [];
    const distributions = new StageTaskDistributions((stage) => seen.push([...stage.durationsMs]));
    distributions.onTaskStart(0, 0, 1);
    distributions.onTaskStart(0, 0, 2);
    distributions.onTaskEnd(0, 0, 1, ok(100));
    distributions.onStageCompleted(0, 0);
    expect(seen).toEqual([]);
    distributions.onTaskEnd(0, 0, 2, ok(900));
    expect(seen).toEqual([[100, 900]]);
    distributions.onTaskEnd(0, 0, 3, ok(50));
    expect(distributions.lateTaskEnds).toBe(1);
  });

  it('fills the worst task-duration and shuffle-read skew, naming the stage, and closes open stages at the end', () => {
    const distributions = new StageTaskDistributions();
    runStage(distributions, 1, [...Array<number>(19).fill(60_000), 400_000], Array<number>(20).fill(64 << 20));
    runStage(distributions, 2, [...Array<number>(9).fill(200), 150_000]);
    distributions.onTaskStart(4, 0, 99);
    for (let task = 0; task < 10; task += 1) distributions.onTaskEnd(4, 0, task, ok(5000, task === 9 ? 512 << 20 : 0));
    const row = emptySummary('app');
    distributions.fill(row);
    expect(row).toMatchObject({ max_task_skew_ratio: 750, skew_stage_id: 2, skew_stage_task_max_ms: 150_000, max_shuffle_read_skew_ratio: 512 });
    expect(distributions.stagesMeasured).toBe(3);
  });

  it('reports the measured skew of stages whose tasks all ran under 1 s, below any stage that reached 1 s', () => {
    const short = new StageTaskDistributions();
    runStage(short, 0, [...Array<number>(9).fill(400), 800]);
    runStage(short, 1, [...Array<number>(9).fill(20), 180]);
    const row = emptySummary('app');
    short.fill(row);
    expect(row).toMatchObject({ max_task_skew_ratio: 9, skew_stage_id: 1, skew_stage_task_max_ms: 180 });
    expect(short.stagesMeasured).toBe(2);

    runStage(short, 2, [...Array<number>(9).fill(15_000), 17_000]);
    const withLong = emptySummary('app');
    short.fill(withLong);
    expect(withLong).toMatchObject({ max_task_skew_ratio: 17_000 / 15_000, skew_stage_id: 2, skew_stage_task_max_ms: 17_000 });
  });

  it('leaves the skew columns null when no stage has enough tasks', () => {
    const distributions = new StageTaskDistributions();
    runStage(distributions, 0, [1000, 90_000]);
    const row = emptySummary('app');
    distributions.fill(row);
    expect(row).toMatchObject({ max_task_skew_ratio: null, skew_stage_id: null, skew_stage_task_max_ms: null, max_shuffle_read_skew_ratio: null });
    expect(distributions.stagesMeasured).toBe(0);
  });
});
