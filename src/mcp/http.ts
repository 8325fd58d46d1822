import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { hasBearerToken } from './bearer-token.js';
import type { McpContext } from './context.js';
import { createMcpServer } from './server.js';
import { logFailure } from './tool-result.js';

export interface HttpOptions {
  host: string;
  port: number;
  /** MCP_TOKEN: every request must send `Authorization: Bearer <token>`. */
  token: string;
}

/**
 * Streamable HTTP at `/mcp` (stateless: a fresh server and transport per request, as the SDK's stateless example
 * does), behind a bearer token. Resolves with the listening server once it accepts connections.
 */
export async function listenHttp(ctx: McpContext, options: HttpOptions): Promise<Server> {
  const http = createServer((req, res) => {
    handle(ctx, options.token, req, res).catch((error: unknown) => {
      logFailure(ctx, 'an HTTP request', error);
      if (!res.headersSent) reply(res, 500, 'Internal server error.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const { address, port } = http.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  ctx.log(`spark-tuner MCP server listening on http://${host}:${port}/mcp`);
  return http;
}

async function handle(ctx: McpContext, token: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/mcp') return reply(res, 404, 'Not found: the MCP endpoint is /mcp.');
  if (!hasBearerToken(req.headers.authorization, token)) {
    ctx.log(`${req.method ?? '?'} /mcp 401`);
    res.setHeader('WWW-Authenticate', 'Bearer realm="spark-tuner"');
    return reply(res, 401, 'Unauthorized: send Authorization: Bearer <MCP_TOKEN>.');
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return reply(res, 405, 'Method not allowed: this stateless server answers POST only.');
  }
  const server = createMcpServer(ctx);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}

/** A JSON-RPC error body, as MCP clients expect from the endpoint. */
function reply(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}
