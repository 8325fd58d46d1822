import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { narrateDeterministically } from '../deterministic/index.js';
import { ANALYSIS_TOOL_NAME, buildAnalysisPrompt } from '../prompt/build-analysis-prompt.js';
import { analysisPromptData } from '../prompt/prompt-data.js';
import type { Narration, NarrativeInput, Narrator } from '../types.js';
import { analysisToolSchema, narrativeOf } from './answer-schema.js';
import { cacheKey, createAnswerCache, type AnswerCache } from './answer-cache.js';
import { createBedrockClient } from './client.js';
import { converse, type ConverseOutcome } from './converse.js';
import { numberCheck } from './number-check.js';
import { createTokenBudget, type TokenBudget } from './token-budget.js';
import { validateAnswer } from './validate-answer.js';

/** Where the narrator reports each call (a pino logger fits): model id, latency, tokens, outcome; never the prompt. */
export interface NarratorLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface BedrockNarratorOptions {
  modelId: string;
  /** A client to use; else one from the SDK's standard chain with `region`, the timeout and `maxAttempts`. */
  client?: BedrockRuntimeClient;
  region?: string | null;
  cache?: AnswerCache;
  /** Shared by every call of this narrator; `withBudget` gives a sweep pass its own. */
  budget?: TokenBudget;
  /** Output tokens of one answer (default 4096). */
  maxTokens?: number;
  /** The whole call, retries included (default 45 s): a pull request never waits longer for the model. */
  timeoutMs?: number;
  /** HTTP attempts, retries on throttling included (default 4). */
  maxAttempts?: number;
  log?: NarratorLog;
}

/** A narrator whose token budget can be swapped per sweep pass, sharing its client and cache. */
export interface BedrockNarrator extends Narrator {
  withBudget(budget: TokenBudget): Narrator;
}

const quietLog: NarratorLog = { info: () => {}, warn: () => {} };

/**
 * The Bedrock narrator: asks the model (forced tool use) to explain the rule engine's analysis, and keeps its
 * sections only when they pass validation. Any failure gives the deterministic sections with a one-line reason.
 */
export function createBedrockNarrator(options: BedrockNarratorOptions): BedrockNarrator {
  const timeoutMs = options.timeoutMs ?? 45_000;
  const maxTokens = options.maxTokens ?? 4096;
  const log = options.log ?? quietLog;
  const client = options.client ?? createBedrockClient({ region: options.region, requestTimeoutMs: timeoutMs, maxAttempts: options.maxAttempts ?? 4 });
  const cache = options.cache ?? createAnswerCache(null);
  const toolSchema = analysisToolSchema();
  const name = `bedrock (${options.modelId})`;

  function make(budget: TokenBudget): Narrator {
    async function narrate(input: NarrativeInput): Promise<Narration> {
      const prompt = buildAnalysisPrompt(input);
      const numbers = numberCheck([prompt.system, prompt.user], analysisPromptData(input));
      const key = cacheKey({ model: options.modelId, prompt, toolSchema, maxTokens, tool: ANALYSIS_TOOL_NAME });
      const cached = await cache.get(key);
      if (cached !== undefined) {
        const check = validateAnswer(cached, input, numbers);
        if (check.ok) {
          log.info({ model_id: options.modelId, cache: 'hit' }, 'bedrock narrative from cache');
          return { narrative: narrativeOf(check.answer), narrator: name, fallback_reason: null };
        }
      }
      if (!budget.available()) return fallback(input, `the Bedrock token budget of this sweep (${budget.limit} tokens) is spent`);
      const outcome = await converse(client, prompt, { modelId: options.modelId, toolName: ANALYSIS_TOOL_NAME, toolSchema, maxTokens, timeoutMs });
      budget.spend(outcome.usage?.total_tokens ?? 0);
      if (!outcome.ok) return logged(outcome, fallback(input, outcome.reason));
      const check = validateAnswer(outcome.input, input, numbers);
      if (!check.ok) return logged(outcome, fallback(input, check.reason));
      await cache.set(key, check.answer);
      return logged(outcome, { narrative: narrativeOf(check.answer), narrator: name, fallback_reason: null });
    }

    function logged(outcome: ConverseOutcome, narration: Narration): Narration {
      const details = {
        model_id: options.modelId,
        latency_ms: outcome.latency_ms,
        input_tokens: outcome.usage?.input_tokens ?? null,
        output_tokens: outcome.usage?.output_tokens ?? null,
        narrator: narration.narrator,
        fallback_reason: narration.fallback_reason,
      };
      if (narration.fallback_reason) log.warn(details, 'bedrock narrative not used');
      else log.info(details, 'bedrock narrative accepted');
      return narration;
    }

    return {
      name,
      async narrate(input) {
        try {
          return await narrate(input);
        } catch (error) {
          log.warn({ model_id: options.modelId, err_name: error instanceof Error ? error.name : 'Error' }, 'bedrock narrator failed');
          return fallback(input, 'the Bedrock narrator failed unexpectedly');
        }
      },
    };
  }

  const narrator = make(options.budget ?? createTokenBudget(null));
  return { ...narrator, withBudget: make };
}

function fallback(input: NarrativeInput, reason: string): Narration {
  return { narrative: narrateDeterministically(input), narrator: 'deterministic', fallback_reason: `Amazon Bedrock's answer was not used because ${reason}` };
}
