import type { MetricsSource } from '../metrics/source.js';
import type { Planner } from '../pipeline/types.js';
import type { JobQueue } from './job-queue.js';

/** The metrics source the app is configured with, or why there is none (one sentence for the user). */
export type MetricsSourceResult = { ok: true; source: MetricsSource } | { ok: false; message: string };

/** What the comment command needs from the outside world; the app builds these from the environment. */
export interface CommandDeps {
  metricsSource: () => MetricsSourceResult;
  planner: Planner;
  queue: JobQueue;
  /** Now, in epoch ms: the end of the lookback window. */
  clock: () => number;
  /** The app's own login (`<slug>[bot]`), to recognize its commits. */
  botLogin: () => Promise<string>;
}
