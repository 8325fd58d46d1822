import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateScenario } from '../../../src/generator/scenarios.js';
import { VERIFY_RUNS_BEFORE, verifyMergeTime } from '../../../src/generator/verify-scenarios.js';
import { summarizeEventLogs } from '../../../src/metrics/eventlog/summarize-event-logs.js';
import type { MetricsQuery, MetricsSource } from '../../../src/metrics/source.js';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { NOW } from './sweep-harness.js';

type Scenario = Parameters<typeof generateScenario>[0];

/** Generated verify histories for sweep tests: each scenario's runs, the merge time between its before and after runs. */
export interface VerifyHistories {
  summaries: ApplicationSummary[];
  /** DAG id → the merge time the history was generated around. */
  mergedAt: Map<string, number>;
  /** Generates and summarizes the scenarios (for `beforeAll`). */
  load(): Promise<void>;
  /** Removes the generated logs (for `afterAll`). */
  cleanup(): Promise<void>;
  /** A metrics source over the histories that records every query. */
  source(queries: MetricsQuery[]): MetricsSource;
}

export function verifyHistories(scenarios: readonly (readonly [Scenario, string])[]): VerifyHistories {
  const summaries: ApplicationSummary[] = [];
  const mergedAt = new Map<string, number>();
  const dirs: string[] = [];
  return {
    summaries,
    mergedAt,
    async load() {
      for (const [scenario, dagId] of scenarios) {
        const dir = await mkdtemp(path.join(tmpdir(), `spark-tuner-${scenario}-`));
        dirs.push(dir);
        const loaded = (await summarizeEventLogs(await generateScenario(scenario, { outDir: dir, now: new Date(NOW) }))).summaries;
        const starts = loaded.map((s) => s.start_time ?? 0).sort((a, b) => a - b);
        mergedAt.set(dagId, verifyMergeTime(starts[VERIFY_RUNS_BEFORE] ?? 0));
        summaries.push(...loaded);
      }
    },
    async cleanup() {
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
    source(queries) {
      return {
        name: 'eventlogs',
        async load(query) {
          queries.push(query);
          const ids: readonly (string | null)[] = query.dag_ids ?? [query.dag_id];
          return { summaries: summaries.filter((run) => ids.includes(run.dag_id)), problems: [] };
        },
      };
    },
  };
}
