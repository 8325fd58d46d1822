import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey, createAnswerCache, defaultCacheDir } from '../../../src/narrate/bedrock/answer-cache.js';
import { createBedrockNarrator } from '../../../src/narrate/bedrock/bedrock-narrator.js';
import { sampleInput } from '../prompt/sample-input.js';
import { goodAnswer, toolResponse } from './answers.js';

const bedrock = mockClient(BedrockRuntimeClient);
const client = new BedrockRuntimeClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bedrock-answer-cache-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));
beforeEach(() => bedrock.reset());

describe('the answer cache', () => {
  it('lives under BEDROCK_CACHE_DIR, else the OS temporary directory', () => {
    expect(defaultCacheDir({ BEDROCK_CACHE_DIR: '/srv/cache' })).toBe('/srv/cache');
    expect(defaultCacheDir({})).toBe(path.join(os.tmpdir(), 'spark-tuner', 'bedrock-answers'));
    expect(cacheKey({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ a: 1 })).not.toBe(cacheKey({ a: 2 }));
  });

  it('reports an unreadable file and treats it as a miss', async () => {
    const errors: unknown[] = [];
    const cache = createAnswerCache(dir, (error) => errors.push(error));
    await writeFile(path.join(dir, `${'a'.repeat(64)}.json`), '{ not json');
    expect(await cache.get('a'.repeat(64))).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(await cache.get('b'.repeat(64))).toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it('asks the model again when a cached answer no longer passes validation (e.g. edited on disk)', async () => {
    const own = await mkdtemp(path.join(dir, 'tampered-'));
    bedrock.on(ConverseCommand).resolves(toolResponse(goodAnswer(sampleInput())));
    await createBedrockNarrator({ modelId: 'm', client, cache: createAnswerCache(own) }).narrate(sampleInput());
    const [file] = await readdir(own);
    const tampered = { ...goodAnswer(sampleInput()), action_summary: 'Cut memory to 999g.' };
    await writeFile(path.join(own, file ?? ''), JSON.stringify(tampered));
    const narration = await createBedrockNarrator({ modelId: 'm', client, cache: createAnswerCache(own) }).narrate(sampleInput());
    expect(bedrock).toHaveReceivedCommandTimes(ConverseCommand, 2);
    expect(narration.narrative.action_summary).toMatch(/^MODEL: /);
  });
});
