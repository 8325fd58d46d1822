import { describe, expect, it } from 'vitest';
import { hasSharedEvents } from '../../support/shared-data.js';
import { epochOf, HS, SPARK, sum, type Job, type Stage, type TaskData } from './support/history-server.js';
import { readExpectation, stageDistributionsOf, summarizeShared } from './support/shared-summary.js';

const ascending = (values: Iterable<number>): number[] => [...values].sort((a, b) => a - b);
const shuffleRead = (task: TaskData): number => (task.taskMetrics?.shuffleReadMetrics.remoteBytesRead ?? 0) + (task.taskMetrics?.shuffleReadMetrics.localBytesRead ?? 0);

/** The History Server's job lists, stage lists and per-stage task details against our rows (see ORACLES.md). */
describe.skipIf(!hasSharedEvents)('oracles: the History Server\'s jobs and stages', () => {
  it.each([
    ['job_list_json', 'local-1422981780767', 3],
    ['succeeded_failed_job_list_json', 'local-1422981780767', 3],
    ['job_list_from_multi_attempt_app_json_1_', 'local-1426533911241', 1],
    ['job_list_from_multi_attempt_app_json_2_', 'local-1426633911242', 1],
  ] as const)('%s: job and task counts of %s', async (oracle, log, jobs) => {
    const expected = readExpectation<Job[]>(`${HS}/${oracle}_expectation.json`);
    const row = await summarizeShared(`${SPARK}/${log}`);
    expect(expected).toHaveLength(jobs);
    expect(row).toMatchObject({
      jobs_total: expected.length,
      jobs_failed: expected.filter((job) => job.status === 'FAILED').length,
      tasks_failed: sum(expected, (job) => job.numFailedTasks),
      tasks_killed: sum(expected, (job) => job.numKilledTasks),
      tasks_total: sum(expected, (job) => job.numCompletedTasks + job.numFailedTasks + job.numKilledTasks),
    });
  });

  it('one_job_json and succeeded_job_list_json: the jobs that succeeded', async () => {
    const job = readExpectation<Job>(`${HS}/one_job_json_expectation.json`);
    const succeeded = readExpectation<Job[]>(`${HS}/succeeded_job_list_json_expectation.json`);
    const row = await summarizeShared(`${SPARK}/local-1422981780767`);
    expect(job.status).toBe('SUCCEEDED');
    expect(succeeded.map((each) => each.jobId)).toContain(job.jobId);
    expect(row.jobs_total !== null && row.jobs_failed !== null && row.jobs_total - row.jobs_failed).toBe(succeeded.length);
  });

  const STAGE_LISTS: [string, string, (oracle: string) => Stage[]][] = [
    ['stage_list_json', 'local-1422981780767', (oracle) => readExpectation<Stage[]>(`${HS}/${oracle}_expectation.json`)],
    ['complete_stage_list_json + failed_stage_list_json', 'local-1422981780767', () => [
      ...readExpectation<Stage[]>(`${HS}/complete_stage_list_json_expectation.json`),
      ...readExpectation<Stage[]>(`${HS}/failed_stage_list_json_expectation.json`),
    ]],
    ['stage_list_with_accumulable_json', 'local-1426533911241', (oracle) => readExpectation<Stage[]>(`${HS}/${oracle}_expectation.json`)],
    ['stage_list_with_peak_metrics', 'app-20200706201101-0003', (oracle) => readExpectation<Stage[]>(`${HS}/${oracle}_expectation.json`)],
  ];

  it.each(STAGE_LISTS)('%s: stage counts, durations, spill and task metric sums of %s', async (oracle, log, load) => {
    const stages = load(oracle);
    const row = await summarizeShared(`${SPARK}/${log}`);
    expect(row).toMatchObject({
      stages_total: stages.length,
      stages_failed: stages.filter((stage) => stage.status === 'FAILED').length,
      stage_attempts_retried: stages.filter((stage) => stage.attemptId > 0).length,
      stages_with_spill: stages.filter((stage) => stage.memoryBytesSpilled + stage.diskBytesSpilled > 0).length,
      stage_duration_max_ms: Math.max(...stages.map((stage) => epochOf(stage.completionTime) - epochOf(stage.submissionTime))),
      executor_run_time_ms: sum(stages, (stage) => stage.executorRunTime),
      executor_cpu_time_ms: Math.round(sum(stages, (stage) => stage.executorCpuTime) / 1e6),
      jvm_gc_time_ms: sum(stages, (stage) => stage.jvmGcTime),
      input_bytes: sum(stages, (stage) => stage.inputBytes),
      output_bytes: sum(stages, (stage) => stage.outputBytes),
      shuffle_read_bytes: sum(stages, (stage) => stage.shuffleReadBytes),
      shuffle_write_bytes: sum(stages, (stage) => stage.shuffleWriteBytes),
      memory_bytes_spilled: sum(stages, (stage) => stage.memoryBytesSpilled),
      disk_bytes_spilled: sum(stages, (stage) => stage.diskBytesSpilled),
      tasks_failed: sum(stages, (stage) => stage.numFailedTasks),
      tasks_killed: sum(stages, (stage) => stage.numKilledTasks),
      tasks_total: sum(stages, (stage) => stage.numCompleteTasks + stage.numFailedTasks + stage.numKilledTasks),
    });
  });

  /** Stage attempts whose oracle lists every task: their successful tasks are our distribution, value for value. */
  const STAGE_DETAILS: [oracle: string, log: string][] = [
    ['one_stage_json', 'local-1422981780767'],
    ['one_stage_json_with_details', 'local-1422981780767'],
    ['one_stage_attempt_json', 'local-1422981780767'],
    ['stage_with_accumulable_json', 'local-1426533911241'],
    ['excludeOnFailure_for_stage', 'app-20180109111548-0000'],
    ['excludeOnFailure_node_for_stage', 'application_1516285256255_0012'],
    ['one_stage_json_with_partitionId', 'local-1642039451826'],
    ['stage_with_peak_metrics', 'app-20200706201101-0003'],
  ];

  it.each(STAGE_DETAILS)('%s: the successful tasks of the stage attempt in %s', async (oracle, log) => {
    const json = readExpectation<Stage | Stage[]>(`${HS}/${oracle}_expectation.json`);
    const stage = Array.isArray(json) ? json[0] : json;
    const successful = Object.values(stage?.tasks ?? {}).filter((task) => task.status === 'SUCCESS');
    expect(successful).toHaveLength(stage?.numCompleteTasks ?? -1);
    const { stages } = await stageDistributionsOf(`${SPARK}/${log}`);
    const ours = stages.get(`${stage?.stageId}.${stage?.attemptId}`);
    expect([...(ours?.durationsMs ?? [])]).toEqual(ascending(successful.map((task) => task.duration)));
    expect([...(ours?.shuffleReadBytes ?? [])]).toEqual(ascending(successful.map(shuffleRead)));
  });

  it.each([
    ['stage_task_list_from_multi_attempt_app_json_1_', 'local-1426533911241', '0.0'],
    ['stage_task_list_from_multi_attempt_app_json_2_', 'local-1426633911242', '0.0'],
    ['stage_task_list_with_partitionId', 'local-1642039451826', '0.0'],
  ] as const)('%s: every task of stage attempt %s %s', async (oracle, log, key) => {
    const tasks = readExpectation<TaskData[]>(`${HS}/${oracle}_expectation.json`);
    const { stages } = await stageDistributionsOf(`${SPARK}/${log}`);
    expect([...(stages.get(key)?.durationsMs ?? [])]).toEqual(ascending(tasks.map((task) => task.duration)));
  });
});
