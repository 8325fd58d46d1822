import { z } from 'zod';
import type { StageProfile } from './stage-profile.js';

const count = z.number().int().nonnegative();
const bytes = count.nullable();

const stageSchema = z.object({
  stage_id: z.number().int(),
  attempt_id: count,
  submit_ms: count,
  complete_ms: count,
  tasks: count,
  task_ms_sum: count,
  task_ms_p50: count,
  task_ms_p95: count,
  task_ms_max: count,
  max_running: count,
  input_bytes: bytes,
  shuffle_read_bytes: bytes,
  shuffle_write_bytes: bytes,
});

/** A stage profile as read back from the table's JSON text (src/metrics/stage-profile.ts). */
export const stageProfileSchema: z.ZodType<StageProfile> = z.object({
  version: z.literal(1),
  stages: z.array(stageSchema),
  driver_only: z.array(z.tuple([count, count])),
  omitted_stages: count,
  omitted_task_ms: count,
});
