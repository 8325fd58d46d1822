import type { Rule, Thresholds } from '../types.js';
import { executorMemoryOverprovisioned } from './executor-memory-overprovisioned.js';

/** Every rule, in the order their findings are reported. */
export const RULES: Rule<Thresholds>[] = [executorMemoryOverprovisioned as Rule<Thresholds>];
