import { deterministicNarrator } from '../narrate/deterministic/index.js';
import { narratorFromEnv } from '../narrate/bedrock/from-env.js';
import type { Narrator } from '../narrate/types.js';
import type { CliIo } from './io.js';
import { UsageError } from './usage-error.js';

/**
 * `--narrator bedrock|deterministic` (default deterministic; the demo never asks for Bedrock). `bedrock` needs
 * BEDROCK_MODEL_ID; each model call is logged on stderr (model, latency, tokens, or why its answer was not used).
 */
export function narratorOption(value: string | undefined, io: CliIo, env: Record<string, string | undefined> = process.env): Narrator {
  if (value === undefined || value === 'deterministic') return deterministicNarrator;
  if (value !== 'bedrock') throw new UsageError(`--narrator must be bedrock or deterministic, not "${value}".`);
  const setup = narratorFromEnv(env, {
    info: (details) => io.stderr(`bedrock: ${describe(details)}\n`),
    warn: (details) => io.stderr(`bedrock: ${describe(details)}\n`),
  });
  if (setup.problems.length > 0) throw new UsageError(setup.problems.join(' '));
  if (!setup.bedrock) throw new UsageError('--narrator bedrock needs BEDROCK_MODEL_ID, the id of the Bedrock model to ask.');
  return setup.narrator;
}

function describe(details: object): string {
  const d = details as Record<string, unknown>;
  if (d.cache === 'hit') return `${String(d.model_id)}: answer from the cache`;
  const tokens = d.input_tokens === null || d.input_tokens === undefined ? 'no token usage' : `${String(d.input_tokens)} in / ${String(d.output_tokens)} out tokens`;
  const outcome = d.fallback_reason ? `deterministic narrative used: ${String(d.fallback_reason)}` : 'answer accepted';
  return `${String(d.model_id)}, ${String(d.latency_ms ?? '?')} ms, ${tokens}; ${outcome}`;
}
