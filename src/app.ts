import type { Probot } from 'probot';
import { readAppEnv } from './config/env.js';
import { eventLogSource } from './metrics/eventlog-source.js';
import { planProposal } from './pipeline/plan-proposal.js';
import type { Planner } from './pipeline/types.js';
import { createBotLogin } from './publish/github/bot-login.js';
import { handleComment } from './triggers/handle-comment.js';
import { handleDashboardEdit } from './triggers/handle-dashboard-edit.js';
import { handlePullRequestClosed } from './triggers/handle-pr-closed.js';
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
}

/** The Probot app function: wires the events to their handlers (the logic lives in `src/triggers/`). */
export function createApp(deps: AppDeps): (app: Probot) => void {
  return (app) => {
    const botLogin = createBotLogin(() => app.auth());
    app.on('issue_comment.created', (context) => handleComment(context, { ...deps, botLogin }));
    app.on('pull_request.closed', (context) => handlePullRequestClosed(context, { ...deps, botLogin }));
    app.on('issues.edited', (context) => handleDashboardEdit(context, { ...deps, botLogin }));
  };
}

/** The app as `probot run` loads it: settings from the environment, jobs in this process. */
export default function sparkTuner(app: Probot): void {
  const env = readAppEnv(process.env);
  if (!env.ok) {
    for (const problem of env.problems) app.log.error(problem);
  }
  createApp({
    metricsSource: metricsSourceFromEnv(env, eventLogSource),
    planner: planProposal,
    queue: createJobQueue(app.log),
    clock: Date.now,
  })(app);
}
