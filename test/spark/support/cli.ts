import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { ApplicationSummary } from '../../../src/metrics/summary.js';
import { ROOT } from './spark.js';

/** The real, built CLI (`node bin/spark-tuner.js …`), as a user runs it. */
export function cli(...argv: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/spark-tuner.js'), ...argv], { encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `spark-tuner summarize <dir>` parsed: one row per application attempt. */
export function summarize(dir: string): ApplicationSummary[] {
  const result = cli('summarize', dir);
  if (result.code !== 0) throw new Error(`summarize failed: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as ApplicationSummary);
}
