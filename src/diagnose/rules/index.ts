import type { Rule, Thresholds } from '../types.js';
import { driverMemory } from './driver-memory.js';
import { dynamicAllocationBounds } from './dynamic-allocation-bounds.js';
import { executorMemoryOverprovisioned } from './executor-memory-overprovisioned.js';
import { executorMemoryUnderprovisioned } from './executor-memory-underprovisioned.js';
import { gcOverhead } from './gc-overhead.js';
import { idleExecutors } from './idle-executors.js';
import { memoryOverheadTooLow } from './memory-overhead-too-low.js';
import { shufflePartitions } from './shuffle-partitions.js';
import { spill } from './spill.js';
import { taskFailures } from './task-failures.js';
import { taskSkew } from './task-skew.js';

/** Every rule of DESIGN §3, in the order their findings are reported. */
export const RULES: Rule<Thresholds>[] = [
  executorMemoryOverprovisioned,
  executorMemoryUnderprovisioned,
  memoryOverheadTooLow,
  driverMemory,
  spill,
  taskSkew,
  shufflePartitions,
  gcOverhead,
  idleExecutors,
  dynamicAllocationBounds,
  taskFailures,
] as Rule<Thresholds>[];
