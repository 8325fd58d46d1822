import { z } from 'zod';
import { deterministicNarrator } from '../deterministic/index.js';
import type { Narrator } from '../types.js';
import { createAnswerCache, defaultCacheDir } from './answer-cache.js';
import { createBedrockNarrator, type BedrockNarrator, type NarratorLog } from './bedrock-narrator.js';
import { createTokenBudget } from './token-budget.js';

/** The Bedrock narrator's settings (`BEDROCK_*`), beside AWS_REGION and the SDK's own variables. */
export interface BedrockSettings {
  model_id: string;
  /** Tokens one sweep pass may spend; null for no limit. */
  max_tokens_per_sweep: number | null;
  cache_dir: string;
  timeout_ms: number;
  region: string | null;
}

/** What the app and the CLI build from the environment: a narrator, and a fresh one per sweep pass. */
export interface NarratorSetup {
  /** For comment commands and the CLI: a process-wide budget of `max_tokens_per_sweep` that refills every day. */
  narrator: Narrator;
  /** For one sweep pass: the same client and cache with a budget of its own. */
  forSweep(): Narrator;
  /** Set when the environment asks for Bedrock. */
  bedrock: BedrockSettings | null;
}

const blank = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const positiveInt = (name: string) =>
  z.preprocess(blank, z.coerce.number({ error: `${name} must be a whole number of tokens or milliseconds.` }).int().positive({ error: `${name} must be a positive whole number.` }).optional());

const VARIABLES = z.object({
  BEDROCK_MODEL_ID: z.preprocess(blank, z.string().trim().optional()),
  BEDROCK_MAX_TOKENS_PER_SWEEP: positiveInt('BEDROCK_MAX_TOKENS_PER_SWEEP'),
  BEDROCK_TIMEOUT_MS: positiveInt('BEDROCK_TIMEOUT_MS'),
  BEDROCK_CACHE_DIR: z.preprocess(blank, z.string().trim().optional()),
  AWS_REGION: z.preprocess(blank, z.string().trim().optional()),
});

const DAY_MS = 86_400_000;

/** Reads `BEDROCK_*`; `{ settings: null }` when BEDROCK_MODEL_ID is unset (the deterministic narrative). */
export function readBedrockSettings(env: Record<string, string | undefined>): { settings: BedrockSettings | null; problems: string[] } {
  const parsed = VARIABLES.safeParse(env);
  if (!parsed.success) return { settings: null, problems: parsed.error.issues.map((issue) => issue.message) };
  const vars = parsed.data;
  if (!vars.BEDROCK_MODEL_ID) return { settings: null, problems: [] };
  return {
    settings: {
      model_id: vars.BEDROCK_MODEL_ID,
      max_tokens_per_sweep: vars.BEDROCK_MAX_TOKENS_PER_SWEEP ?? null,
      cache_dir: defaultCacheDir(env),
      timeout_ms: vars.BEDROCK_TIMEOUT_MS ?? 45_000,
      region: vars.AWS_REGION ?? null,
    },
    problems: [],
  };
}

/** The narrator the environment asks for: Bedrock when BEDROCK_MODEL_ID is set, else the deterministic one. */
export function narratorFromEnv(env: Record<string, string | undefined>, log?: NarratorLog): NarratorSetup & { problems: string[] } {
  const { settings, problems } = readBedrockSettings(env);
  if (!settings) return { narrator: deterministicNarrator, forSweep: () => deterministicNarrator, bedrock: null, problems };
  const bedrock: BedrockNarrator = createBedrockNarrator({
    modelId: settings.model_id,
    region: settings.region,
    timeoutMs: settings.timeout_ms,
    cache: createAnswerCache(settings.cache_dir, (error) => log?.warn({ err_code: (error as NodeJS.ErrnoException).code }, 'bedrock answer cache unavailable')),
    budget: createTokenBudget(settings.max_tokens_per_sweep, { refillMs: DAY_MS }),
    ...(log ? { log } : {}),
  });
  return {
    narrator: bedrock,
    forSweep: () => bedrock.withBudget(createTokenBudget(settings.max_tokens_per_sweep)),
    bedrock: settings,
    problems,
  };
}
