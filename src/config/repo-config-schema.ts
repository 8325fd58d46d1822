import { z } from 'zod';
import { DEFAULT_NODE_MEMORY_MB } from '../diagnose/memory-math.js';
import { DEFAULT_PRICES } from '../diagnose/impact.js';
import { MAX_DAG_FILE_MB } from '../dags/size-limit.js';
import { parseMemoryMb } from '../metrics/memory-size.js';
import type { RepoConfig } from './repo-config-types.js';

export const DEFAULT_REPO_CONFIG: RepoConfig = {
  enabled: true,
  dag_paths: ['dags/'],
  include: ['*'],
  exclude: [],
  lookback_days: 14,
  min_runs: 3,
  rules: {},
  limits: { prs_per_sweep: 2, open_prs: 5 },
  labels: ['spark-tuning'],
  reviewers: 'codeowners',
  dry_run: false,
  node_memory_mb: DEFAULT_NODE_MEMORY_MB,
  prices: { ...DEFAULT_PRICES },
  ignore: [],
  dashboard: true,
  verify: { enabled: true, min_runs: 3, max_slowdown: 0.2, window_days: 30, auto_revert: true },
  max_dag_file_mb: MAX_DAG_FILE_MB,
};

const id = z.string().regex(/^[\w.-]{1,250}$/, 'must be an Airflow id (letters, digits, _ . -)');
const path = z.string().min(1).refine((p) => !p.split('/').includes('..'), 'must stay inside the repository');

/** One schema per key, so that a bad key falls back to its default and the others still apply. */
export const REPO_CONFIG_KEYS = {
  enabled: z.boolean(),
  dag_paths: z.array(path).min(1),
  include: z.array(z.string().min(1)),
  exclude: z.array(z.string().min(1)),
  lookback_days: z.number().int().min(1).max(365),
  min_runs: z.number().int().min(1).max(1000),
  rules: z
    .object({
      'idle-executors': z
        .strictObject({
          enabled: z.boolean().optional(),
          max_slowdown: z
            .number()
            .min(0)
            .max(10)
            .optional()
            .describe('The most an executor cut may slow any run, as the what-if estimator predicts it (0.1 = 10% longer; default 0.1).'),
          min_saving: z.number().min(0).max(1).optional().describe('A cut must save at least this share of the cost per run (default 0.15).'),
        })
        .catchall(z.union([z.number(), z.boolean()]))
        .optional(),
    })
    .catchall(z.strictObject({ enabled: z.boolean().optional() }).catchall(z.union([z.number(), z.boolean()]))),
  limits: z.strictObject({
    prs_per_sweep: z.number().int().min(0).max(100).default(2),
    open_prs: z.number().int().min(0).max(100).default(5),
  }),
  labels: z.array(z.string().min(1).max(50)),
  reviewers: z.union([z.literal('codeowners'), z.array(z.string().regex(/^[\w.-]+(\/[\w.-]+)?$/, 'must be a user or org/team'))]),
  dry_run: z.boolean(),
  prices: z.strictObject({
    vcpu_hour_usd: z.number().positive().default(DEFAULT_PRICES.vcpu_hour_usd),
    gb_hour_usd: z.number().positive().default(DEFAULT_PRICES.gb_hour_usd),
  }),
  ignore: z.array(z.strictObject({ dag: id, task: id.optional(), keys: z.array(z.string().min(1)).optional() })),
  dashboard: z.boolean(),
  verify: z.strictObject({
    enabled: z.boolean().default(true),
    min_runs: z.number().int().min(1).max(1000).default(3),
    max_slowdown: z.number().min(0).max(10).default(0.2),
    window_days: z.number().int().min(1).max(365).default(30),
    auto_revert: z.boolean().default(true),
  }),
  max_dag_file_mb: z.number().positive().max(100).meta({
    description: 'DAG files larger than this many megabytes are refused with one line and never parsed (default 5).',
  }),
  /** `node_memory: 56g` in the file; `node_memory_mb` in `RepoConfig`. */
  node_memory: z
    .union([z.string(), z.number()])
    .transform((value) => parseMemoryMb(String(value)))
    .refine((mb): mb is number => mb !== null && mb >= 1024, 'must be a memory size of at least 1g, like 56g'),
} satisfies { [K in Exclude<keyof RepoConfig, 'node_memory_mb'> | 'node_memory']: z.ZodType };

/** File keys stored under another name in `RepoConfig`. */
export const REPO_CONFIG_TARGETS: Record<string, keyof RepoConfig> = { node_memory: 'node_memory_mb' };
