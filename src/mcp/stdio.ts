import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { McpContext } from './context.js';
import { createMcpServer } from './server.js';

/** Serves MCP on stdin/stdout until the client closes stdin: stdout carries nothing but the protocol. */
export async function serveStdio(ctx: McpContext): Promise<void> {
  const server = createMcpServer(ctx);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once('end', () => void server.close());
  });
  await server.connect(transport);
  ctx.log('spark-tuner MCP server ready on stdio.');
  await closed;
}
