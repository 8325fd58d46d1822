import { describe, expect, it } from 'vitest';
import { narratorFromEnv, readBedrockSettings } from '../../../src/narrate/bedrock/from-env.js';
import { createTokenBudget } from '../../../src/narrate/bedrock/token-budget.js';

describe('readBedrockSettings', () => {
  it('is off without BEDROCK_MODEL_ID (blank counts as unset)', () => {
    expect(readBedrockSettings({ BEDROCK_MODEL_ID: '  ' })).toEqual({ settings: null, problems: [] });
    expect(narratorFromEnv({}).narrator.name).toBe('deterministic');
  });

  it('reads the model, budget, timeout, cache directory and region', () => {
    const { settings } = readBedrockSettings({
      BEDROCK_MODEL_ID: 'amazon.nova-pro-v1:0',
      BEDROCK_MAX_TOKENS_PER_SWEEP: '200000',
      BEDROCK_TIMEOUT_MS: '30000',
      BEDROCK_CACHE_DIR: '/var/cache/spark-tuner',
      AWS_REGION: 'eu-west-1',
    });
    expect(settings).toEqual({
      model_id: 'amazon.nova-pro-v1:0',
      max_tokens_per_sweep: 200000,
      timeout_ms: 30000,
      cache_dir: '/var/cache/spark-tuner',
      region: 'eu-west-1',
    });
    expect(readBedrockSettings({ BEDROCK_MODEL_ID: 'm' }).settings).toMatchObject({ max_tokens_per_sweep: null, timeout_ms: 45000 });
  });

  it('names a malformed number in one sentence, and stays deterministic', () => {
    const setup = narratorFromEnv({ BEDROCK_MODEL_ID: 'm', BEDROCK_MAX_TOKENS_PER_SWEEP: 'lots' });
    expect(setup.problems).toEqual(['BEDROCK_MAX_TOKENS_PER_SWEEP must be a whole number of tokens or milliseconds.']);
    expect(setup.narrator.name).toBe('deterministic');
  });

  it('gives each sweep pass a narrator of its own with the same model', () => {
    const setup = narratorFromEnv({ BEDROCK_MODEL_ID: 'm', AWS_REGION: 'us-east-1' });
    expect(setup.narrator.name).toBe('bedrock (m)');
    expect(setup.forSweep()).not.toBe(setup.forSweep());
    expect(setup.forSweep().name).toBe('bedrock (m)');
  });
});

describe('createTokenBudget', () => {
  it('allows calls until the limit is spent, and refills after its period', () => {
    let now = 0;
    const budget = createTokenBudget(1000, { refillMs: 60_000, clock: () => now });
    expect(budget.available()).toBe(true);
    budget.spend(600);
    expect(budget.available()).toBe(true);
    budget.spend(600);
    expect(budget.available()).toBe(false);
    now = 60_000;
    expect(budget.available()).toBe(true);
    expect(createTokenBudget(null).available()).toBe(true);
  });
});
