import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hasSharedEvents, SHARED_EVENTS_DIR } from '../../../support/shared-data.js';

/** One log's facts in `shared/spark-events/manifest.json` (the fields the tests use). */
export interface ManifestEntry {
  id: string;
  spark_version: string | null;
  event_counts: Record<string, number>;
  app: { app_id?: string; attempt_id?: string | null; app_name?: string; user?: string; start?: number; end?: number; duration_ms?: number };
  props: Record<string, string>;
  failed_tasks_by_reason: Record<string, number>;
  job_results: Record<string, number>;
  failed_stage_attempts: number;
  executor_removed_reasons: Record<string, number>;
  sums: Partial<Record<'JVM GC Time' | 'Memory Bytes Spilled' | 'Disk Bytes Spilled' | 'Shuffle Remote+Local Bytes Read' | 'Shuffle Bytes Written' | 'executors_added(non-driver)', number>>;
  task_end_events: number;
  bad_lines: number;
}

/** The manifest's entries (empty when the shared logs are absent). */
export function loadManifest(): ManifestEntry[] {
  if (!hasSharedEvents) return [];
  return JSON.parse(readFileSync(path.join(SHARED_EVENTS_DIR, 'manifest.json'), 'utf8')) as ManifestEntry[];
}
