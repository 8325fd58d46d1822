import { BedrockRuntimeClient, ConverseCommand, type ConverseResponse } from '@aws-sdk/client-bedrock-runtime';
import type { AnalysisPrompt } from '../prompt/build-analysis-prompt.js';

/** What one Converse call gave: the tool's input, or one line saying why there is none. */
export type ConverseOutcome =
  | { ok: true; input: unknown; usage: TokenUsage; latency_ms: number }
  | { ok: false; reason: string; usage: TokenUsage | null; latency_ms: number };

export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

export interface ConverseRequestOptions {
  modelId: string;
  toolName: string;
  toolSchema: Record<string, unknown>;
  maxTokens: number;
  /** The whole call, retries included, gives up after this long. */
  timeoutMs: number;
}

const STOP_REASONS: Record<string, string> = {
  end_turn: 'the model answered in plain text instead of through the tool',
  stop_sequence: 'the model answered in plain text instead of through the tool',
  max_tokens: 'the answer was cut off at the output token limit (max_tokens)',
  model_context_window_exceeded: 'the prompt and answer did not fit the model\'s context window',
  guardrail_intervened: 'a Bedrock guardrail stopped the answer',
  content_filtered: 'Bedrock filtered the answer',
  malformed_tool_use: 'the model\'s tool call was malformed',
  malformed_model_output: 'the model\'s output was malformed',
};

/**
 * Asks the model for the analysis through one forced tool (temperature 0, bounded output). Never throws and never
 * takes longer than `timeoutMs`: a refusal, a plain-text answer, a malformed body, throttling beyond the client's
 * retries or a timeout is an outcome with a one-line reason (error names only; messages can quote the request).
 */
export async function converse(client: BedrockRuntimeClient, prompt: AnalysisPrompt, options: ConverseRequestOptions): Promise<ConverseOutcome> {
  const started = Date.now();
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
  });
  try {
    const answer = await Promise.race([client.send(command(prompt, options), { abortSignal: abort.signal }), deadline]);
    const latency = Date.now() - started;
    if (answer === 'timeout') {
      abort.abort();
      return { ok: false, reason: `Bedrock did not answer within ${seconds(options.timeoutMs)}`, usage: null, latency_ms: latency };
    }
    return readResponse(answer, options.toolName, latency);
  } catch (error) {
    return { ok: false, reason: errorReason(error), usage: null, latency_ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

function command(prompt: AnalysisPrompt, options: ConverseRequestOptions): ConverseCommand {
  return new ConverseCommand({
    modelId: options.modelId,
    system: [{ text: prompt.system }],
    messages: [{ role: 'user', content: [{ text: prompt.user }] }],
    inferenceConfig: { temperature: 0, maxTokens: options.maxTokens },
    toolConfig: {
      tools: [
        {
          toolSpec: {
            name: options.toolName,
            description: 'Submit the standardized Spark tuning analysis: the five sections and the rule engine\'s recommendations.',
            inputSchema: { json: options.toolSchema as never },
          },
        },
      ],
      toolChoice: { tool: { name: options.toolName } },
    },
  });
}

function readResponse(response: ConverseResponse, toolName: string, latency: number): ConverseOutcome {
  const usage = usageOf(response);
  const stop = response.stopReason ?? 'unknown';
  if (stop !== 'tool_use') {
    return { ok: false, reason: STOP_REASONS[stop] ?? `the model stopped for an unexpected reason (${stop.slice(0, 40)})`, usage, latency_ms: latency };
  }
  const toolUse = response.output?.message?.content?.find((block) => block.toolUse?.name === toolName)?.toolUse;
  if (!toolUse) return { ok: false, reason: 'the model did not call the analysis tool', usage, latency_ms: latency };
  const input = typeof toolUse.input === 'string' ? parseJson(toolUse.input) : toolUse.input;
  if (input === undefined) return { ok: false, reason: 'the tool input was not valid JSON', usage, latency_ms: latency };
  return { ok: true, input, usage: usage ?? { input_tokens: 0, output_tokens: 0, total_tokens: 0 }, latency_ms: latency };
}

function usageOf(response: ConverseResponse): TokenUsage | null {
  const u = response.usage;
  if (!u) return null;
  const input = u.inputTokens ?? 0;
  const output = u.outputTokens ?? 0;
  return { input_tokens: input, output_tokens: output, total_tokens: u.totalTokens ?? input + output };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorReason(error: unknown): string {
  const name = error instanceof Error ? error.name : 'Error';
  const attempts = (error as { $metadata?: { attempts?: number } } | null)?.$metadata?.attempts;
  if (name === 'ThrottlingException' || name === 'ServiceQuotaExceededException') {
    return `Bedrock kept throttling (${name})${attempts ? ` after ${attempts} attempts` : ''}`;
  }
  if (name === 'AbortError' || name === 'TimeoutError' || /timeout/i.test(name)) return 'Bedrock did not answer in time';
  if (error instanceof SyntaxError || /Deserializ|Parse|Serialization/i.test(name)) return 'Bedrock\'s response could not be read (malformed JSON)';
  if (name === 'AccessDeniedException') return 'Bedrock refused access (AccessDeniedException); check the IAM permission bedrock:InvokeModel';
  if (name === 'ValidationException' || name === 'ResourceNotFoundException') return `Bedrock rejected the request (${name}); check BEDROCK_MODEL_ID`;
  if (name === 'CredentialsProviderError') return 'no AWS credentials were found for Bedrock';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `Bedrock could not be reached (${code})`;
  return `the Bedrock call failed (${name.slice(0, 60)})`;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
