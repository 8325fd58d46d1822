import { parseMemoryMb } from '../metrics/memory-size.js';
import type { Finding } from '../diagnose/types.js';
import { codeBlock } from './markdown.js';

const GIB = 1024 ** 3;

/**
 * A Mermaid xychart (GitHub renders it) of each run's peak executor heap (bars) against the configured
 * and the proposed heap (lines), in GiB; null when the finding has no per-run memory evidence.
 */
export function memoryChart(taskId: string, finding: Finding): string | null {
  const runs = finding.evidence.runs.filter(
    (run) => typeof run.values.executor_peak_jvm_heap_bytes === 'number' && typeof run.values.executor_memory_mb === 'number',
  );
  const rec = finding.recommendations.find((r) => r.key === 'spark.executor.memory');
  if (runs.length === 0 || !rec) return null;
  const peaks = runs.map((run) => gib(Number(run.values.executor_peak_jvm_heap_bytes)));
  const configured = runs.map((run) => round1(Number(run.values.executor_memory_mb) / 1024));
  const proposedGib = round1((parseMemoryMb(rec.proposed) ?? 0) / 1024);
  const top = Math.ceil(Math.max(...configured, ...peaks, proposedGib) * 1.1);
  const labels = runs.map((run, i) => label(run.start_time, i));
  const lines = [
    'xychart-beta',
    `    title "${safe(taskId)}: executor heap (GiB)"`,
    `    x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `    y-axis "GiB" 0 --> ${top}`,
    `    bar [${peaks.join(', ')}]`,
    `    line [${configured.join(', ')}]`,
    `    line [${runs.map(() => proposedGib).join(', ')}]`,
  ];
  return codeBlock(lines.join('\n'), 'mermaid');
}

function label(startTime: number | null, index: number): string {
  if (startTime === null) return `run ${index + 1}`;
  return new Date(startTime).toISOString().slice(5, 16).replace('T', ' ');
}

function gib(bytes: number): number {
  return round1(bytes / GIB);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Mermaid strings end at a double quote; ids are plain, but keep it so. */
function safe(text: string): string {
  return text.replace(/["\\\n]/g, '');
}
