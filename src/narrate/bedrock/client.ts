import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface BedrockClientOptions {
  /** From AWS_REGION; else the SDK's own chain (profile, instance metadata). */
  region?: string | null;
  /** Per HTTP attempt. */
  requestTimeoutMs: number;
  /** Attempts in all; the SDK's standard retry mode backs off (with jitter, bounded) on throttling and 5xx. */
  maxAttempts: number;
}

/**
 * A Bedrock Runtime client with the SDK's standard resolution of credentials and endpoint
 * (`AWS_ENDPOINT_URL_BEDROCK_RUNTIME` works), a timeout per attempt and bounded retries. Converse is a plain
 * request/response call, so it goes over HTTP/1.1 (the client's default handler speaks only HTTP/2, which
 * proxies and local endpoints often do not).
 */
export function createBedrockClient(options: BedrockClientOptions): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    ...(options.region ? { region: options.region } : {}),
    maxAttempts: options.maxAttempts,
    retryMode: 'standard',
    requestHandler: new NodeHttpHandler({ requestTimeout: options.requestTimeoutMs, connectionTimeout: Math.min(5000, options.requestTimeoutMs) }),
  });
}
