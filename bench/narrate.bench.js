// `npm run bench narrate`: what the Bedrock narrator costs apart from the model. For a DAG of 8 tasks with 30 runs
// each (16g executors peaking near 5 GiB), it times building the analysis prompt, building the number check from
// it, and validating a full answer (schema, the exact recommendations, every number), and prints the prompt's size
// (characters, and tokens at ~4 characters each), since tokens are what the sweep's budget counts.
import { emptySummary } from '../lib/metrics/empty-summary.js';
import { diagnoseAll } from '../lib/diagnose/diagnose-task.js';
import { narrateDeterministically } from '../lib/narrate/deterministic/index.js';
import { buildAnalysisPrompt } from '../lib/narrate/prompt/build-analysis-prompt.js';
import { analysisPromptData } from '../lib/narrate/prompt/prompt-data.js';
import { numberCheck } from '../lib/narrate/bedrock/number-check.js';
import { validateAnswer } from '../lib/narrate/bedrock/validate-answer.js';

const NOW = Date.UTC(2026, 10, 20, 12);
const DAY = 86_400_000;
const TASKS = 8;
const RUNS = 30;
const ROUNDS = 20;

function summaries() {
  const rows = [];
  for (let t = 0; t < TASKS; t += 1) {
    for (let r = 0; r < RUNS; r += 1) {
      const start = NOW - (r + 1) * (DAY / 3);
      rows.push({
        ...emptySummary(`application_1700000000000_${t}${String(r).padStart(4, '0')}`),
        attempt_id: '1', spark_version: '3.5.1', status: 'succeeded', dag_id: 'bench_dag', task_id: `task_${t}`,
        start_time: start, end_time: start + 1_200_000, duration_ms: 1_200_000,
        executor_memory_mb: 16384, executor_cores: 4, executor_instances: 8,
        spark_conf: { 'spark.executor.memory': '16g', 'spark.executor.cores': '4', 'spark.executor.instances': '8' },
        executor_peak_jvm_heap_bytes: Math.round((4.8 + ((r * 7 + t) % 10) / 20) * 1024 ** 3),
        executor_memory_mb_ms_allocated: 8 * 1_200_000 * 16384, executor_core_ms_allocated: 8 * 1_200_000 * 4, oom_failures: 0,
      });
    }
  }
  return rows;
}

function median(fn) {
  const times = [];
  let result;
  for (let i = 0; i < ROUNDS; i += 1) {
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

const diagnoses = diagnoseAll(summaries(), { until: NOW, lookback_days: 14, min_runs: 3, metric_source: 'eventlogs' });
const input = { dag_id: 'bench_dag', file_path: 'dags/bench_dag.py', diagnoses, edits: [], edit_notes: [], metric_source: 'eventlogs' };
const sections = narrateDeterministically(input);
const answer = {
  ...sections,
  recommendations: diagnoses.flatMap((d) => d.recommendations.map((rec) => ({ task_id: d.task_id, key: rec.key, current: rec.current, proposed: rec.proposed, reason: rec.reason }))),
};
const prompt = median(() => buildAnalysisPrompt(input));
const check = median(() => numberCheck([prompt.result.system, prompt.result.user], analysisPromptData(input)));
const valid = median(() => validateAnswer(answer, input, check.result));
const chars = prompt.result.system.length + prompt.result.user.length;
console.log(`DAG of ${TASKS} tasks × ${RUNS} runs, ${answer.recommendations.length} recommendations (median of ${ROUNDS})`);
console.log(`build the prompt             ${prompt.ms.toFixed(2)} ms   (${chars.toLocaleString('en-US')} characters, ~${Math.round(chars / 4).toLocaleString('en-US')} tokens)`);
console.log(`build the number check       ${check.ms.toFixed(2)} ms`);
console.log(`validate a full answer       ${valid.ms.toFixed(2)} ms   (${valid.result.ok ? 'accepted' : `rejected: ${valid.result.reason}`})`);
process.exitCode = valid.result.ok ? 0 : 1;
