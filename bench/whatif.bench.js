// `npm run bench whatif`: the what-if estimator on the real logs of ../shared/spark-events (issue 15). For each log
// with executors and a stage profile: its own duration at its own slots, the estimator's prediction (calibrated on
// the run) and the uncalibrated stage model, their errors, and the predictions at half and twice the slots; then
// the error spread (median, p90, max), the logs left out and why, and how fast a prediction is (the rule searches
// executor counts with it). test/whatif/real-logs.test.ts asserts the bounds; this prints the table.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarizeEventLogs } from '../lib/metrics/eventlog/summarize-event-logs.js';
import { errorSpread, ownSlotsCheck } from '../lib/whatif/own-slots-check.js';
import { predictRun, prepareRun } from '../lib/whatif/predict-run.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REAL = process.env.SPARK_EVENTS_DIR ?? path.resolve(ROOT, '../shared/spark-events');

const { summaries } = await summarizeEventLogs([path.join(REAL, 'logs')]);
const { results, excluded } = ownSlotsCheck(summaries);
const byId = new Map(summaries.map((s) => [`${s.app_id}/${s.attempt_id}`, s]));
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const sec = (ms) => (ms / 1000).toFixed(1);

console.log(`${results.length} logs replayed, ${excluded.length} left out\n`);
const rows = [['application', 'attempt', 'name', 'slots', 'duration s', 'predicted s', 'error', 'model s', 'model error', '½ slots s', '2× slots s']];
for (const r of results) {
  const prepared = prepareRun(byId.get(`${r.app_id}/${r.attempt_id}`));
  const at = (factor) => predictRun(prepared, { executors: Math.max(1, Math.round(prepared.executors * factor)), cores: null }).wall_ms_after;
  rows.push([r.app_id, r.attempt_id ?? '', (r.app_name ?? '').slice(0, 22), String(r.slots), sec(r.duration_ms), sec(r.predicted_ms), pct(r.error), sec(r.raw_ms), pct(r.raw_error), sec(at(0.5)), sec(at(2))]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
for (const row of rows) console.log(row.map((cell, i) => (i >= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  '));

const spread = (pick) => {
  const s = errorSpread(results.map(pick));
  return s ? `median ${pct(s.median)}, p90 ${pct(s.p90)}, max ${pct(s.max)}` : 'no logs';
};
console.log(`\nprediction at own slots (calibrated): ${spread((r) => r.error)}`);
console.log(`uncalibrated stage model:             ${spread((r) => r.raw_error)}`);

const reasons = new Map();
for (const e of excluded) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
console.log('\nleft out:');
for (const [reason, count] of reasons) console.log(`  ${String(count).padStart(3)}  ${reason}`);

const prepared = results.map((r) => prepareRun(byId.get(`${r.app_id}/${r.attempt_id}`)));
const started = performance.now();
let predictions = 0;
while (performance.now() - started < 1000) {
  for (const p of prepared) predictRun(p, { executors: 1 + (predictions % 64), cores: null });
  predictions += prepared.length;
}
console.log(`\nspeed: ${Math.round(predictions / ((performance.now() - started) / 1000))} predictions per second (prepared runs, ${prepared.length} logs)`);
