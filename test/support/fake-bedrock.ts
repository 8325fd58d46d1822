import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Amazon Bedrock Runtime's Converse API (REST JSON: `POST /model/{modelId}/converse`), for the
 * real `BedrockRuntimeClient` pointed at it with AWS_ENDPOINT_URL_BEDROCK_RUNTIME. It answers like a model that
 * calls the analysis tool with sections built from the request's own data, or as scripted: throttling (429
 * ThrottlingException), slowness, malformed JSON, a hallucinated `999g`.
 */
export type FakeBedrockStep =
  | { kind: 'answer'; delayMs?: number }
  | { kind: 'hallucinate' }
  | { kind: 'throttle' }
  | { kind: 'malformed-json' }
  | { kind: 'plain-text' }
  | { kind: 'slow'; delayMs: number };

export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeBedrock {
  url: string;
  requests: SeenRequest[];
  /** Steps for the next requests, in order; after them, `fallback` answers every request. */
  script(steps: FakeBedrockStep[]): void;
  setFallback(step: FakeBedrockStep): void;
  close(): Promise<void>;
}

export async function startFakeBedrock(fallback: FakeBedrockStep = { kind: 'answer' }): Promise<FakeBedrock> {
  const requests: SeenRequest[] = [];
  let queue: FakeBedrockStep[] = [];
  let otherwise = fallback;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      const step = queue.shift() ?? otherwise;
      void respond(step, body, req.url ?? '', res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    script: (steps) => {
      queue = [...steps];
    },
    setFallback: (step) => {
      otherwise = step;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function respond(step: FakeBedrockStep, body: string, url: string, res: ServerResponse): Promise<void> {
  if (!/^\/model\/[^/]+\/converse$/.test(url)) return send(res, 404, { message: `no route ${url}` }, 'ResourceNotFoundException');
  switch (step.kind) {
    case 'throttle':
      return send(res, 429, { message: 'Too many requests, please wait before trying again.' }, 'ThrottlingException');
    case 'malformed-json':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"output": {"message": {"role": "assistant", "content": [{"toolUse": ');
      return;
    case 'plain-text':
      return send(res, 200, converseBody({ text: 'I would lower the memory to 4g.' }, 'end_turn'));
    case 'slow':
      await sleep(step.delayMs);
      return send(res, 200, converseBody({ toolUse: { toolUseId: 't-1', name: toolName(body), input: answerFor(body, false) } }, 'tool_use'));
    case 'hallucinate':
    case 'answer':
      if (step.kind === 'answer' && step.delayMs) await sleep(step.delayMs);
      return send(res, 200, converseBody({ toolUse: { toolUseId: 't-1', name: toolName(body), input: answerFor(body, step.kind === 'hallucinate') } }, 'tool_use'));
  }
}

function send(res: ServerResponse, status: number, payload: object, errorType?: string): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': 'fake-request' };
  if (errorType) headers['x-amzn-errortype'] = `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/`;
  res.writeHead(status, headers).end(JSON.stringify(payload));
}

function converseBody(content: object, stopReason: string): object {
  return {
    output: { message: { role: 'assistant', content: [content] } },
    stopReason,
    usage: { inputTokens: 3000, outputTokens: 700, totalTokens: 3700 },
    metrics: { latencyMs: 42 },
  };
}

function toolName(body: string): string {
  const request = JSON.parse(body) as { toolConfig?: { tools?: { toolSpec?: { name?: string } }[] } };
  return request.toolConfig?.tools?.[0]?.toolSpec?.name ?? 'unknown';
}

interface PromptData {
  dag_id: string;
  tasks: { task_id: string; recommendations: { key: string; current: string | null; proposed: string; reason: string }[] }[];
}

/** What a faithful model answers: its own words, the data's recommendations; or the same with an invented `999g`. */
function answerFor(body: string, hallucinate: boolean): object {
  const request = JSON.parse(body) as { messages: { content: { text: string }[] }[] };
  const text = request.messages[0]?.content[0]?.text ?? '';
  const data = JSON.parse(/BEGIN DATA\n([\s\S]*)\nEND DATA/.exec(text)?.[1] ?? '{}') as PromptData;
  const recommendations = data.tasks.flatMap((task) =>
    task.recommendations.map((rec) => ({ task_id: task.task_id, key: rec.key, current: rec.current, proposed: rec.proposed, reason: rec.reason })),
  );
  const changes = recommendations.map((rec) => `- \`${rec.key}\` \`${rec.current ?? 'unset'}\` → \`${rec.proposed}\`: ${rec.reason}.`).join('\n');
  return {
    application_overview: `Model overview: DAG ${data.dag_id} runs its Spark tasks on a schedule; the measured runs are summarized below.`,
    current_configuration: 'Model configuration: the latest run set the executor memory shown in the table above.',
    job_health_summary: '[WARN] Model health: every run succeeded, and executors used well under their heap.',
    resource_recommendations: hallucinate ? `${changes}\n- Model extra: the driver could go to \`999g\`.` : changes,
    action_summary: 'Model action: merge to apply the change; revert this pull request to roll back.',
    recommendations,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
