import { formatBytes } from '../metrics/memory-size.js';
import { codeSpan, escapeInline } from '../narrate/markdown.js';
import { minutes } from './decide.js';
import type { RunSetMetrics, TaskVerification } from './types.js';

type Row = [label: string, pick: (m: RunSetMetrics) => string];

const ROWS: Row[] = [
  ['Runs (successful)', (m) => `${m.runs} (${m.successful})`],
  ['Median duration', (m) => minutes(m.median_duration_ms)],
  ['p95 duration', (m) => minutes(m.p95_duration_ms)],
  ['Runs with memory failures', (m) => String(m.memory_failure_runs)],
  ['Other failed runs', (m) => String(m.other_failed_runs)],
  ['Median spill', (m) => (m.median_spill_bytes === null ? 'n/a' : formatBytes(m.median_spill_bytes))],
  ['Median GC share', (m) => (m.median_gc_share === null ? 'n/a' : `${(m.median_gc_share * 100).toFixed(1)}%`)],
  ['Allocated GB-hours / run', (m) => fixed(m.gb_hours, 2)],
  ['Core-hours / run', (m) => fixed(m.core_hours, 2)],
  ['Cost / run', (m) => (m.cost_usd === null ? 'n/a' : `$${m.cost_usd.toFixed(2)}`)],
];

const STATUS_WORD: Record<TaskVerification['status'], string> = {
  verified: 'verified',
  regressed: 'regressed',
  'not-enough-runs': 'not enough runs yet',
  'not-deployed': 'not deployed yet',
};

/** One task's before/after Markdown: the changes, the decision sentence, and the table. */
export function renderVerification(v: TaskVerification): string {
  const changes = v.changes.map((c) => `${codeSpan(c.key)} ${codeSpan(c.old_value ?? 'unset')} → ${codeSpan(c.new_value)}`).join(', ');
  const lines = [
    `### ${escapeInline(`${v.dag_id}.${v.task_id}`)}: ${STATUS_WORD[v.status]}`,
    '',
    changes,
    '',
    escapeInline(v.reason),
    '',
    '| | Before (evidence) | After (new values) |',
    '|---|---:|---:|',
    ...ROWS.map(([label, pick]) => `| ${label} | ${escapeInline(pick(v.before))} | ${escapeInline(pick(v.after))} |`),
  ];
  if (v.not_deployed_runs > 0) lines.push('', escapeInline(`${v.not_deployed_runs} run(s) since the merge still used the old values and are not compared.`));
  return `${lines.join('\n')}\n`;
}

function fixed(value: number | null, digits: number): string {
  return value === null ? 'n/a' : value.toFixed(digits);
}
