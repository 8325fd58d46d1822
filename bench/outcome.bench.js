// `npm run bench outcome`: the before/after table of the real-Spark suite (`npm run test:spark`), read from the
// event logs it leaves in .cache/spark-runs/before (3 runs per workload with the fixture DAG's conf) and
// .cache/spark-runs/after (one run with the conf spark-tuner committed); SPARK_RUNS_DIR points elsewhere.
// Nothing is rerun here. Per workload: median runtime, allocated executor GB-hours and core-hours, $ at the
// prices of the fixture repository's config, spill, failed tasks and OutOfMemoryErrors, each before → after.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRepoConfig } from '../lib/config/read-repo-config.js';
import { summarizeEventLogs } from '../lib/metrics/eventlog/summarize-event-logs.js';
import { runSetMetrics } from '../lib/verify/run-metrics.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = process.env.SPARK_RUNS_DIR ?? path.join(root, '.cache/spark-runs');
if (!existsSync(path.join(dir, 'before')) || !existsSync(path.join(dir, 'after'))) {
  console.log(`No real-Spark runs under ${dir}: run \`npm run test:spark\` first.`);
  process.exit(1);
}
const { config } = parseRepoConfig(readFileSync(path.join(root, 'test/spark/dag-repo/.github/spark-tuner.yml'), 'utf8'));
const prices = config.prices;
const before = (await summarizeEventLogs([path.join(dir, 'before')])).summaries;
const after = (await summarizeEventLogs([path.join(dir, 'after')])).summaries;

const total = (rows, pick) => rows.reduce((n, row) => n + (pick(row) ?? 0), 0);
const fixed = (value, digits) => (value === null || value === undefined ? '–' : value.toFixed(digits));
const change = (a, b) => (a === null || b === null || a === 0 ? '' : ` (${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(0)}%)`);
const pair = (a, b, digits, scale = 1) => `${fixed(a === null ? null : a * scale, digits)} → ${fixed(b === null ? null : b * scale, digits)}${change(a, b)}`;

console.log(`runs from ${dir}; prices: $${prices.vcpu_hour_usd}/vCPU-hour, $${prices.gb_hour_usd}/GB-hour (the fixture repository's config)`);
console.log('per workload: before = median or mean of the runs with the DAG as written, after = the run with the committed conf\n');
const header = ['workload', 'runs', 'runtime s', 'executor GB-h ×1000', 'core-h ×1000', '$ per run ×1000', 'spill MB', 'failed tasks', 'OOM errors'];
const rows = [];
const totals = { costBefore: 0, costAfter: 0, timeBefore: 0, timeAfter: 0 };
const dags = [...new Set(before.map((row) => row.dag_id).filter(Boolean))].sort();
for (const dag of dags) {
  const b = before.filter((row) => row.dag_id === dag);
  const a = after.filter((row) => row.dag_id === dag);
  const mb = runSetMetrics(b, prices);
  if (a.length === 0) {
    rows.push([dag, `${b.length} → 0`, `${fixed(mb.median_duration_ms / 1000, 1)} (no proposal, not rerun)`, fixed(mb.gb_hours * 1000, 3), fixed(mb.core_hours * 1000, 3), fixed(mb.cost_usd * 1000, 3), '', `${total(b, (r) => r.tasks_failed)}`, `${total(b, (r) => r.oom_failures)}`]);
    continue;
  }
  const ma = runSetMetrics(a, prices);
  totals.costBefore += mb.cost_usd ?? 0;
  totals.costAfter += ma.cost_usd ?? 0;
  totals.timeBefore += mb.median_duration_ms ?? 0;
  totals.timeAfter += ma.median_duration_ms ?? 0;
  rows.push([
    dag,
    `${b.length} → ${a.length}`,
    pair(mb.median_duration_ms, ma.median_duration_ms, 1, 1 / 1000),
    pair(mb.gb_hours, ma.gb_hours, 3, 1000),
    pair(mb.core_hours, ma.core_hours, 3, 1000),
    pair(mb.cost_usd, ma.cost_usd, 3, 1000),
    pair(mb.median_spill_bytes, ma.median_spill_bytes, 0, 1 / 2 ** 20),
    `${total(b, (r) => r.tasks_failed)} → ${total(a, (r) => r.tasks_failed)}`,
    `${total(b, (r) => r.oom_failures)} → ${total(a, (r) => r.oom_failures)}`,
  ]);
}
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
console.log(
  `\nall tuned workloads, one run each: $ ${pair(totals.costBefore, totals.costAfter, 3, 1000)} ×1000, ` +
    `runtime ${pair(totals.timeBefore, totals.timeAfter, 1, 1 / 1000)} s (a shared 2-core machine: runtimes are noisy)`,
);
