import type { GroupBy } from '../diagnose/history.js';
import type { MetricsSourceResult } from '../triggers/types.js';

/** What the MCP tools read from: the server's settings, fixed when it starts. */
export interface McpContext {
  /** The metrics source (`--event-logs`, or METRICS_SOURCE/EVENT_LOG_DIR/ATHENA_*), or why there is none. */
  metrics: () => MetricsSourceResult;
  /** How runs form task histories: by Airflow ids, or (`--group-by app-name`) by Spark application name. */
  group_by: GroupBy;
  /** The end of every window, epoch ms: now, unless the server replays old logs (`--until`). */
  clock: () => number;
  /** `--lookback-days`: overrides the default window (14 days, or the repository's `lookback_days`). */
  lookback_days: number | null;
  /** `--min-runs`: overrides how many successful runs a resource cut needs. */
  min_runs: number | null;
  /** A line for the server's log (stderr): never the protocol's stdout. */
  log: (line: string) => void;
}

/** A problem the caller can fix (bad input, nothing found): its message is the one sentence the tool answers. */
export class ToolProblem extends Error {
  override readonly name = 'ToolProblem';
}
