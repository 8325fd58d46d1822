import type { Probot } from 'probot';
import { readAppEnv } from './config/env.js';
import { athenaSource } from './metrics/athena/athena-source.js';
import { eventLogSource } from './metrics/eventlog-source.js';
import { narratorFromEnv } from './narrate/bedrock/from-env.js';
import { planProposal } from './pipeline/plan-proposal.js';
import type { Planner } from './pipeline/types.js';
import { createBotLogin } from './publish/github/bot-login.js';
import { startScheduledSweeps } from './sweep/scheduled-sweeps.js';
import { dashboardHooks } from './sweep/dashboard-hooks.js';
import type { SweepHooks } from './sweep/types.js';
import { handleComment } from './triggers/handle-comment.js';
import { handleDashboardEdit } from './triggers/handle-dashboard-edit.js';
import { handlePullRequestClosed } from './triggers/handle-pr-closed.js';
import { handlePullRequestMerged } from './triggers/handle-pr-merged.js';
import { createJobQueue, type JobQueue } from './triggers/job-queue.js';
import { metricsSourceFromEnv } from './triggers/metrics-source-from-env.js';
import type { MetricsSourceResult } from './triggers/types.js';

/** What the app is built from; tests pass fakes, the default export the real ones. */
export interface AppDeps {
  metricsSource: () => MetricsSourceResult;
  planner: Planner;
  queue: JobQueue;
  /** Now, in epoch ms. */
  clock: () => number;
  /** `SCHEDULE`: a cron expression for in-process sweeps; absent or empty means none. */
  schedule?: string | null;
  /** Where other features plug into the sweep (ignores, the dashboard issue). */
  sweepHooks?: SweepHooks;
}

/**
 * The Probot app function: wires the events to their handlers (the logic lives in `src/triggers/`) and, with a
 * schedule, the sweep (`src/sweep/`), sharing the job queue so a command and a sweep never race on a DAG.
 */
export function createApp(deps: AppDeps): (app: Probot) => void {
  return (app) => {
    const botLogin = createBotLogin(() => app.auth());
    app.on('issue_comment.created', (context) => handleComment(context, { ...deps, botLogin }));
    app.on('pull_request.closed', (context) => handlePullRequestClosed(context, { ...deps, botLogin }));
    app.on('pull_request.closed', (context) => handlePullRequestMerged(context, { ...deps, botLogin }));
    app.on('issues.edited', (context) => handleDashboardEdit(context, { ...deps, botLogin }));
    if (deps.schedule) {
      const { metricsSource, planner, queue, clock, sweepHooks } = deps;
      const hooks = sweepHooks ?? dashboardHooks(botLogin, app.log);
      startScheduledSweeps(app, deps.schedule, { metricsSource, planner, queue, clock, botLogin, hooks });
    }
  };
}

/** The app as `probot run` loads it: settings from the environment, jobs in this process. */
export default function sparkTuner(app: Probot): void {
  const env = readAppEnv(process.env);
  if (!env.ok) {
    for (const problem of env.problems) app.log.error(problem);
  }
  const narration = narratorFromEnv(process.env, app.log);
  for (const problem of narration.problems) app.log.error(problem);
  if (narration.bedrock) app.log.info({ model_id: narration.bedrock.model_id }, 'narrative: Amazon Bedrock, validated, deterministic fallback');
  const { narrator } = narration;
  createApp({
    metricsSource: metricsSourceFromEnv(env, eventLogSource, (settings) =>
      athenaSource(settings, { onQuery: (entry) => app.log.info(entry, 'spark-tuner Athena query scanned data') }),
    ),
    planner: (request) => planProposal({ ...request, narrator: request.narrator ?? narrator }),
    queue: createJobQueue(app.log),
    clock: Date.now,
    schedule: process.env.SCHEDULE?.trim() || null,
  })(app);
}
