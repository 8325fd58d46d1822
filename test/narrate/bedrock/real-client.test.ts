import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBedrockNarrator } from '../../../src/narrate/bedrock/bedrock-narrator.js';
import { narrateDeterministically } from '../../../src/narrate/deterministic/index.js';
import { startFakeBedrock, type FakeBedrock } from '../../support/fake-bedrock.js';
import { PLANTED_SECRETS, sampleInput, secretInput } from '../prompt/sample-input.js';

/** The real BedrockRuntimeClient (SDK retries, signing, endpoint resolution) against a local Converse endpoint. */
const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
let fake: FakeBedrock;

beforeAll(async () => {
  fake = await startFakeBedrock();
  vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', fake.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFAKEFAKEFAKE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'fake-secret-access-key');
  vi.stubEnv('AWS_REGION', 'us-east-1');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.script([]);
  fake.setFallback({ kind: 'answer' });
});

function narrator(options: { timeoutMs?: number; maxAttempts?: number } = {}) {
  return createBedrockNarrator({ modelId: MODEL, timeoutMs: options.timeoutMs ?? 10_000, maxAttempts: options.maxAttempts ?? 4 });
}

describe('the Bedrock narrator with the real SDK client and AWS_ENDPOINT_URL_BEDROCK_RUNTIME', () => {
  it('signs a Converse request to the configured endpoint and keeps the model\'s valid sections', async () => {
    const narration = await narrator().narrate(sampleInput());
    expect(narration.fallback_reason).toBeNull();
    expect(narration.narrator).toBe(`bedrock (${MODEL})`);
    expect(narration.narrative.application_overview).toMatch(/^Model overview: DAG daily_sales/);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.path).toBe(`/model/${encodeURIComponent(MODEL)}/converse`);
    expect(fake.requests[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDFAKEFAKEFAKE\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    const body = JSON.parse(fake.requests[0]?.body ?? '{}');
    expect(body.inferenceConfig).toEqual({ temperature: 0, maxTokens: 4096 });
    expect(body.toolConfig.toolChoice).toEqual({ tool: { name: 'submit_spark_tuning_analysis' } });
  });

  it('retries throttling (429 ThrottlingException) with backoff, then uses the answer', async () => {
    fake.script([{ kind: 'throttle' }, { kind: 'throttle' }]);
    const narration = await narrator().narrate(sampleInput());
    expect(fake.requests).toHaveLength(3);
    expect(narration.fallback_reason).toBeNull();
  });

  it('falls back when throttling outlasts the retries', async () => {
    fake.setFallback({ kind: 'throttle' });
    const narration = await narrator({ maxAttempts: 2 }).narrate(sampleInput());
    expect(fake.requests).toHaveLength(2);
    expect(narration.narrative).toEqual(narrateDeterministically(sampleInput()));
    expect(narration.fallback_reason).toMatch(/Bedrock kept throttling \(ThrottlingException\) after 2 attempts$/);
  });

  it('falls back when the answer is slower than the timeout', async () => {
    fake.setFallback({ kind: 'slow', delayMs: 5000 });
    const narration = await narrator({ timeoutMs: 300 }).narrate(sampleInput());
    expect(narration.narrator).toBe('deterministic');
    expect(narration.fallback_reason).toMatch(/did not answer within 300 ms$/);
  });

  it('falls back on a malformed JSON body', async () => {
    fake.setFallback({ kind: 'malformed-json' });
    const narration = await narrator({ maxAttempts: 1 }).narrate(sampleInput());
    expect(narration.narrator).toBe('deterministic');
    expect(narration.fallback_reason).toMatch(/could not be read \(malformed JSON\)$/);
  });

  it('falls back on a plain-text answer', async () => {
    fake.setFallback({ kind: 'plain-text' });
    const narration = await narrator().narrate(sampleInput());
    expect(narration.fallback_reason).toMatch(/answered in plain text instead of through the tool$/);
  });

  it('falls back when the model invents a size (999g)', async () => {
    fake.setFallback({ kind: 'hallucinate' });
    const narration = await narrator().narrate(sampleInput());
    expect(narration.narrative).toEqual(narrateDeterministically(sampleInput()));
    expect(narration.fallback_reason).toMatch(/numbers the data does not hold in "Resource recommendations" \(999g\)$/);
  });

  it('sends no secret planted in spark_conf or failure texts', async () => {
    await narrator().narrate(secretInput());
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests.map((r) => `${r.path}\n${JSON.stringify(r.headers)}\n${r.body}`).join('\n');
    expect(sent).toContain('redacted');
    for (const secret of PLANTED_SECRETS) expect(sent).not.toContain(secret);
  });
});
