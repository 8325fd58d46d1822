import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BedrockRuntimeClient, ConverseCommand, ThrottlingException } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerCache } from '../../../src/narrate/bedrock/answer-cache.js';
import { createBedrockNarrator, type NarratorLog } from '../../../src/narrate/bedrock/bedrock-narrator.js';
import { createTokenBudget } from '../../../src/narrate/bedrock/token-budget.js';
import { narrateDeterministically } from '../../../src/narrate/deterministic/index.js';
import { ANALYSIS_TOOL_NAME } from '../../../src/narrate/prompt/build-analysis-prompt.js';
import { PLANTED_SECRETS, sampleInput, secretInput } from '../prompt/sample-input.js';
import { goodAnswer, textResponse, toolResponse } from './answers.js';

const MODEL = 'anthropic.claude-test-v1:0';
const bedrock = mockClient(BedrockRuntimeClient);
const client = new BedrockRuntimeClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
const dirs: string[] = [];

beforeEach(() => bedrock.reset());
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

function narrator(options: Partial<Parameters<typeof createBedrockNarrator>[0]> = {}) {
  return createBedrockNarrator({ modelId: MODEL, client, timeoutMs: 2000, ...options });
}

function withAnswer(change: (answer: Record<string, unknown>) => void): Record<string, unknown> {
  const answer = goodAnswer(sampleInput());
  change(answer);
  return answer;
}

describe('the Bedrock narrator', () => {
  it('keeps a valid answer: the model\'s sections, named in the narration', async () => {
    bedrock.on(ConverseCommand).resolves(toolResponse(goodAnswer(sampleInput())));
    const narration = await narrator().narrate(sampleInput());
    expect(narration.narrator).toBe(`bedrock (${MODEL})`);
    expect(narration.fallback_reason).toBeNull();
    expect(narration.narrative.application_overview).toMatch(/^MODEL: DAG daily_sales/);
  });

  it('forces the one tool at temperature 0 with bounded output, for the configured model', async () => {
    bedrock.on(ConverseCommand).resolves(toolResponse(goodAnswer(sampleInput())));
    await narrator({ maxTokens: 3000 }).narrate(sampleInput());
    expect(bedrock).toHaveReceivedCommandWith(ConverseCommand, {
      modelId: MODEL,
      inferenceConfig: { temperature: 0, maxTokens: 3000 },
      toolConfig: expect.objectContaining({ toolChoice: { tool: { name: ANALYSIS_TOOL_NAME } } }),
    });
    const request = bedrock.commandCalls(ConverseCommand)[0]?.args[0].input;
    const schema = request?.toolConfig?.tools?.[0]?.toolSpec?.inputSchema?.json as { required: string[] };
    expect(schema.required).toEqual([
      'application_overview', 'current_configuration', 'job_health_summary', 'resource_recommendations', 'action_summary', 'recommendations',
    ]);
  });

  const failures: [string, () => void, RegExp][] = [
    ['the answer hits max_tokens', () => bedrock.on(ConverseCommand).resolves(toolResponse(goodAnswer(sampleInput()), 'max_tokens')), /max_tokens/],
    ['the model answers in plain text', () => bedrock.on(ConverseCommand).resolves(textResponse('Sure! Set memory to 4g.', 'end_turn')), /plain text/],
    ['the model refuses', () => bedrock.on(ConverseCommand).resolves(textResponse('I cannot help with that.', 'end_turn')), /plain text/],
    ['a guardrail intervenes', () => bedrock.on(ConverseCommand).resolves(textResponse('', 'guardrail_intervened')), /guardrail/],
    ['the tool input is not JSON', () => bedrock.on(ConverseCommand).resolves(toolResponse('{"application_overview": "x",')), /not valid JSON/],
    ['a section is missing', () => bedrock.on(ConverseCommand).resolves(toolResponse(withAnswer((a) => delete a.action_summary))), /schema \(action_summary/],
    ['a section is blank', () => bedrock.on(ConverseCommand).resolves(toolResponse(withAnswer((a) => (a.job_health_summary = '  ')))), /"Job health summary" is empty/],
    [
      'it invents a key',
      () => bedrock.on(ConverseCommand).resolves(toolResponse(withAnswer((a) => (a.recommendations as object[]).push({ task_id: 'load_orders', key: 'spark.executor.cores', current: '4', proposed: '2', reason: 'fewer' })))),
      /did not \(load_orders: spark.executor.cores 4 → 2\)/,
    ],
    [
      'it changes a proposed value',
      () => bedrock.on(ConverseCommand).resolves(toolResponse(withAnswer((a) => ((a.recommendations as { proposed: string }[])[0]!.proposed = '6g')))),
      /did not \(load_orders: spark.executor.memory 16g → 6g\)/,
    ],
    ['it drops a recommendation', () => bedrock.on(ConverseCommand).resolves(toolResponse(withAnswer((a) => (a.recommendations = [])))), /left out/],
    [
      'it invents a size',
      () => bedrock.on(ConverseCommand).resolves(toolResponse(withAnswer((a) => (a.resource_recommendations += '\n- Or go to 999g.')))),
      /numbers the data does not hold in "Resource recommendations" \(999g\)/,
    ],
    [
      'it invents a saving in a reason',
      () => bedrock.on(ConverseCommand).resolves(toolResponse(withAnswer((a) => ((a.recommendations as { reason: string }[])[0]!.reason = 'saves $412 a month')))),
      /reason with numbers the data does not hold \(\$412\)/,
    ],
    ['Bedrock keeps throttling', () => bedrock.on(ConverseCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: { attempts: 4 } })), /kept throttling \(ThrottlingException\) after 4 attempts/],
    ['Bedrock is slower than the timeout', () => bedrock.on(ConverseCommand).callsFake(() => new Promise((resolve) => setTimeout(() => resolve(toolResponse(goodAnswer(sampleInput()))), 3000))), /did not answer within 200 ms/],
  ];

  for (const [what, arrange, reason] of failures) {
    it(`writes the deterministic sections, with the reason, when ${what}`, async () => {
      arrange();
      const narration = await narrator({ timeoutMs: 200 }).narrate(sampleInput());
      expect(narration.narrator).toBe('deterministic');
      expect(narration.narrative).toEqual(narrateDeterministically(sampleInput()));
      expect(narration.fallback_reason).toMatch(/^Amazon Bedrock's answer was not used because /);
      expect(narration.fallback_reason).toMatch(reason);
      expect(narration.fallback_reason).not.toMatch(/\n/);
    });
  }

  it('answers the same input from its cache, in memory and on disk, without asking again', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bedrock-cache-'));
    dirs.push(dir);
    bedrock.on(ConverseCommand).resolves(toolResponse(goodAnswer(sampleInput())));
    const first = await narrator({ cache: createAnswerCache(dir) }).narrate(sampleInput());
    const again = await narrator({ cache: createAnswerCache(dir) }).narrate(sampleInput());
    expect(bedrock).toHaveReceivedCommandTimes(ConverseCommand, 1);
    expect(again).toEqual(first);
    expect(await readdir(dir)).toHaveLength(1);
  });

  it('stops asking once the sweep\'s token budget is spent', async () => {
    bedrock.on(ConverseCommand).resolves(toolResponse(goodAnswer(sampleInput())));
    const sweep = narrator().withBudget(createTokenBudget(1500));
    expect((await sweep.narrate(sampleInput())).narrator).toBe(`bedrock (${MODEL})`);
    const other = { ...sampleInput(), dag_id: 'other_dag' };
    const second = await sweep.narrate(other);
    expect(second.fallback_reason).toMatch(/token budget of this sweep \(1500 tokens\) is spent/);
    expect(bedrock).toHaveReceivedCommandTimes(ConverseCommand, 1);
  });

  it('logs the model id, latency and tokens, and nothing of the prompt', async () => {
    bedrock.on(ConverseCommand).resolves(toolResponse(goodAnswer(sampleInput())));
    const lines: string[] = [];
    const log: NarratorLog = { info: (d, m) => lines.push(JSON.stringify({ d, m })), warn: (d, m) => lines.push(JSON.stringify({ d, m })) };
    await narrator({ log }).narrate(sampleInput());
    expect(lines).toHaveLength(1);
    const [line] = lines.map((l) => JSON.parse(l) as { d: Record<string, unknown> });
    expect(line?.d).toMatchObject({ model_id: MODEL, input_tokens: 1200, output_tokens: 800 });
    expect(typeof line?.d.latency_ms).toBe('number');
    expect(lines.join('')).not.toContain('daily_sales');
  });

  it('sends no secret from spark_conf or failure texts in any request', async () => {
    bedrock.on(ConverseCommand).resolves(textResponse('no', 'end_turn'));
    await narrator().narrate(secretInput());
    const sent = JSON.stringify(bedrock.commandCalls(ConverseCommand).map((call) => call.args[0].input));
    expect(sent).toContain('*********(redacted)');
    for (const secret of PLANTED_SECRETS) expect(sent).not.toContain(secret);
  });
});
