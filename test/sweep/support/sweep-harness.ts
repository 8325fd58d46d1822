import { Probot } from 'probot';
import type { TaskDiagnosis } from '../../../src/diagnose/types.js';
import type { MetricsQuery, MetricsSource } from '../../../src/metrics/source.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import type { PlanRequest, PlanResult } from '../../../src/pipeline/types.js';
import { createBotLogin } from '../../../src/publish/github/bot-login.js';
import { createSweepCache, type SweepCache } from '../../../src/sweep/sweep-cache.js';
import { sweepAll } from '../../../src/sweep/sweep-all.js';
import { sweepOctokit } from '../../../src/sweep/sweep-octokit.js';
import type { SweepHooks, SweepSummary } from '../../../src/sweep/types.js';
import { PRIVATE_KEY } from '../../publish/github/support/github-mock.js';
import type { GitHubStandIn } from '../../support/github-stand-in.js';

export const NOW = Date.UTC(2026, 10, 20);

/** How urgent the fake planner makes a DAG's proposal; `refuse`/`none` for the other outcomes. */
export interface FakePlan {
  saving_usd?: number;
  failed_runs?: number;
  refuse?: string;
  none?: boolean;
  needs_person?: string;
}

/** A DAG file defining one DAG with one Spark task. */
export function dagFile(dagId: string): string {
  return [
    'from airflow import DAG',
    'from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator',
    '',
    `with DAG("${dagId}") as dag:`,
    '    SparkSubmitOperator(task_id="load", application="load.py", executor_memory="16g")',
    '',
  ].join('\n');
}

/** A repository's files: the config (when given) and one file per DAG under dags/. */
export function repoFiles(dagIds: string[], config: string | null = 'dag_paths: [dags/]\n'): Record<string, string> {
  const files: Record<string, string> = Object.fromEntries(dagIds.map((id) => [`dags/${id}.py`, dagFile(id)]));
  if (config !== null) files['.github/spark-tuner.yml'] = config;
  return files;
}

function diagnosis(dagId: string, plan: FakePlan, recommended: boolean): TaskDiagnosis {
  const failed = plan.failed_runs ?? 0;
  const recommendation = { rule_id: 'r', key: 'spark.executor.memory', current: '16g', proposed: '8g', reason: 'r' };
  const recommendations = recommended ? [recommendation] : [];
  const findings = [
    ...(recommended ? [{ rule_id: 'r', kind: failed > 0 ? 'reliability' : 'cost', title: 't', detail: 'd', evidence: { runs: [], spark_versions: [], metric_source: 'eventlogs', values: {} }, recommendations, needs_human: false }] : []),
    ...(plan.needs_person ? [{ rule_id: 'h', kind: 'reliability', title: plan.needs_person, detail: 'd', evidence: { runs: [], spark_versions: [], metric_source: 'eventlogs', values: {} }, recommendations: [], needs_human: true }] : []),
  ] as TaskDiagnosis['findings'];
  const saving = plan.saving_usd ?? 0;
  return {
    dag_id: dagId, task_id: 'load', window: { since: 0, until: NOW }, runs_in_window: 10, successful_runs_in_window: 10 - failed,
    findings, recommendations,
    impact: { runs: 10, gb_hours_before: 1, gb_hours_after: 1, core_hours_before: 1, core_hours_after: 1, cost_before_usd: saving / 10, cost_after_usd: 0, prices: { vcpu_hour_usd: 1, gb_hour_usd: 1 } },
    notes: [], latest: null,
  };
}

/** A planner that proposes `# tuned` at the end of the DAG's file, with the urgency `plans` gives. */
export function fakePlanner(plans: Record<string, FakePlan>, seen: PlanRequest[] = []) {
  return async (request: PlanRequest): Promise<PlanResult> => {
    seen.push(request);
    const plan = plans[request.dag_id] ?? { none: true };
    if (plan.refuse) return { kind: 'refused', reason: plan.refuse, diagnoses: [diagnosis(request.dag_id, plan, true)] };
    if (plan.none) return { kind: 'no-change', message: 'fits', diagnoses: [diagnosis(request.dag_id, plan, false)] };
    const path = `dags/${request.dag_id}.py`;
    const old = await request.repo.read(path);
    const fingerprint = `fp-${request.dag_id}`;
    return {
      kind: 'proposal',
      diagnoses: [diagnosis(request.dag_id, plan, true)],
      proposal: {
        dag_id: request.dag_id, file_path: path, old_content: old, new_content: `${old}# tuned\n`, diff: '', title: `Tune ${request.dag_id}.load`,
        body: `Body of ${request.dag_id}\n\n<!-- spark-tuner:fingerprint=${fingerprint} -->\n`, commit_message: `Tune ${request.dag_id}`,
        fingerprint, labels: ['spark-tuning'], edits: [],
      },
    };
  };
}

/** A metrics source answering one run per queried DAG id (the fake planner does not read them). */
export function fakeMetrics(queries: MetricsQuery[] = [], fail?: (query: MetricsQuery) => boolean): MetricsSource {
  return {
    name: 'eventlogs',
    async load(query) {
      queries.push(query);
      if (fail?.(query)) throw new Error('Athena query failed: table not found');
      const summaries = (query.dag_ids ?? []).map((dag_id) => ({ dag_id }) as ApplicationSummary);
      return { summaries, problems: [] };
    },
  };
}

export interface SweepRun {
  run(): Promise<SweepSummary>;
  cache: SweepCache;
}

/** A real Probot pointed at the stand-in (tiny back-off delays), sweeping with the given fakes. */
export function sweeper(github: GitHubStandIn, options: { plans: Record<string, FakePlan>; source?: MetricsSource; hooks?: SweepHooks }): SweepRun {
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    baseUrl: github.baseUrl,
    logLevel: 'fatal',
    // GitHub's pacing of writes (one a second) is the throttling plugin's: off here, tested in sweep-octokit.test.ts.
    Octokit: sweepOctokit({ retries: 2, max_wait_seconds: 60, retry_after_base_ms: 1 }).defaults((o: Record<string, unknown>) => ({
      ...o,
      throttle: { ...(o.throttle as object), enabled: false },
    })),
  });
  const cache = createSweepCache();
  const silent = { info() {}, warn() {}, error() {} };
  return {
    cache,
    run: () =>
      sweepAll({
        app: probot,
        metricsSource: () => ({ ok: true, source: options.source ?? fakeMetrics() }),
        planner: fakePlanner(options.plans),
        clock: () => NOW,
        botLogin: createBotLogin(() => probot.auth()),
        log: silent,
        cache,
        hooks: options.hooks ?? {},
      }),
  };
}
