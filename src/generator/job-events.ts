import type { StageSpec } from './spec.js';

/** A stage as scheduled in one log: its ids and, once known, its times and accumulables. */
export interface StagePlan {
  stageId: number;
  rddId: number;
  parentStageIds: number[];
  spec: StageSpec;
  submitted: number;
  completed: number | null;
  accumulables: object[];
  /** Stage attempt (0 unless retried) and, for a failed attempt, its failure reason. */
  attempt?: number;
  failureReason?: string;
}

const DETAILS = 'org.apache.spark.sql.Dataset.collectToPython(Dataset.scala:4164)\n'
  + 'java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n'
  + 'py4j.reflection.MethodInvoker.invoke(MethodInvoker.java:244)\npy4j.Gateway.invoke(Gateway.java:282)';

/** `Stage Info` as Spark 3.5 writes it (submitted, completed, or as listed by JobStart). */
export function stageInfo(stage: StagePlan, withTimes: boolean): object {
  const { spec } = stage;
  const info: Record<string, unknown> = {
    'Stage ID': stage.stageId,
    'Stage Attempt ID': stage.attempt ?? 0,
    'Stage Name': spec.name,
    'Number of Tasks': spec.tasks,
    'RDD Info': [{
      'RDD ID': stage.rddId,
      Name: spec.shuffleReadBytesPerTask > 0 ? 'ShuffledRowRDD' : 'FileScanRDD',
      Scope: `{"id":"${stage.rddId}","name":"${spec.shuffleReadBytesPerTask > 0 ? 'Exchange' : 'Scan parquet '}"}`,
      Callsite: spec.name,
      'Parent IDs': stage.rddId > 0 ? [stage.rddId - 1] : [],
      'Storage Level': { 'Use Disk': false, 'Use Memory': false, 'Use Off Heap': false, Deserialized: false, Replication: 1 },
      Barrier: false,
      DeterministicLevel: 'DETERMINATE',
      'Number of Partitions': spec.tasks,
      'Number of Cached Partitions': 0,
      'Memory Size': 0,
      'Disk Size': 0,
    }],
    'Parent IDs': stage.parentStageIds,
    Details: DETAILS,
  };
  if (withTimes) info['Submission Time'] = stage.submitted;
  if (withTimes && stage.completed !== null) info['Completion Time'] = stage.completed;
  if (withTimes && stage.completed !== null && stage.failureReason !== undefined) info['Failure Reason'] = stage.failureReason;
  info.Accumulables = withTimes && stage.completed !== null ? stage.accumulables : [];
  info['Resource Profile Id'] = 0;
  info['Shuffle Push Enabled'] = false;
  info['Shuffle Push Mergers Count'] = 0;
  return info;
}

function localProperties(jobGroup: string, executionId: number): Record<string, string> {
  return {
    'spark.rdd.scope': `{"id":"${executionId * 10}","name":"collect"}`,
    'spark.sql.execution.id': String(executionId),
    'spark.sql.execution.root.id': String(executionId),
    'spark.job.description': jobGroup,
    'spark.jobGroup.id': jobGroup,
    'spark.job.interruptOnCancel': 'false',
    'callSite.short': jobGroup,
  };
}

export function jobStart(jobId: number, time: number, stages: StagePlan[], description: string, executionId: number): object {
  return {
    Event: 'SparkListenerJobStart',
    'Job ID': jobId,
    'Submission Time': time,
    'Stage Infos': stages.map((stage) => stageInfo(stage, false)),
    'Stage IDs': stages.map((stage) => stage.stageId),
    Properties: localProperties(description, executionId),
  };
}

export function stageSubmitted(stage: StagePlan, description: string, executionId: number): object {
  return { Event: 'SparkListenerStageSubmitted', 'Stage Info': stageInfo(stage, true), Properties: localProperties(description, executionId) };
}

export function stageCompleted(stage: StagePlan): object {
  return { Event: 'SparkListenerStageCompleted', 'Stage Info': stageInfo(stage, true) };
}

export function jobEnd(jobId: number, time: number, failure?: string): object {
  const result = failure === undefined ? { Result: 'JobSucceeded' } : { Result: 'JobFailed', Exception: { Message: failure, 'Stack Trace': [] } };
  return { Event: 'SparkListenerJobEnd', 'Job ID': jobId, 'Completion Time': time, 'Job Result': result };
}

export function stageExecutorMetrics(executorId: string, stageId: number, metrics: object, stageAttempt = 0): object {
  return { Event: 'SparkListenerStageExecutorMetrics', 'Executor ID': executorId, 'Stage ID': stageId, 'Stage Attempt ID': stageAttempt, 'Executor Metrics': metrics };
}

/** The SQL execution around a job; its plan is what makes real logs' SQL lines large. */
export function sqlExecutionStart(executionId: number, description: string, time: number, stages: StagePlan[]): object {
  const scans = stages.map((stage) => `+- Exchange hashpartitioning(order_id#${stage.stageId}, ${stage.spec.tasks}), ENSURE_REQUIREMENTS, [plan_id=${stage.rddId}]\n   +- *(1) ColumnarToRow\n      +- FileScan parquet [order_id#${stage.stageId},amount#${stage.stageId + 1}] Batched: true, DataFilters: [], Format: Parquet, Location: InMemoryFileIndex(1 paths)[s3://warehouse/orders], PartitionFilters: [], PushedFilters: [], ReadSchema: struct<order_id:bigint,amount:decimal(12,2)>`);
  const plan = `== Physical Plan ==\nAdaptiveSparkPlan isFinalPlan=true\n${scans.join('\n')}\n`;
  return {
    Event: 'org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart',
    executionId,
    rootExecutionId: executionId,
    description,
    details: DETAILS,
    physicalPlanDescription: plan,
    sparkPlanInfo: {
      nodeName: 'AdaptiveSparkPlan',
      simpleString: 'AdaptiveSparkPlan isFinalPlan=true',
      children: stages.map((stage) => ({
        nodeName: 'Exchange',
        simpleString: `Exchange hashpartitioning(order_id#${stage.stageId}, ${stage.spec.tasks}), ENSURE_REQUIREMENTS, [plan_id=${stage.rddId}]`,
        children: [],
        metadata: {},
        metrics: [{ name: 'shuffle bytes written', accumulatorId: 1000 + stage.stageId, metricType: 'size' }],
      })),
      metadata: {},
      metrics: [],
    },
    time,
    modifiedConfigs: {},
    jobTags: [],
  };
}

export function sqlExecutionEnd(executionId: number, time: number): object {
  return { Event: 'org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd', executionId, time };
}
