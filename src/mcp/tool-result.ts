import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ToolProblem, type McpContext } from './context.js';
import { redactResult } from './redact-result.js';

/** What a tool computed: the structured result, and a short text for clients that only show text. */
export interface ToolAnswer {
  structured: Record<string, unknown>;
  text: string;
}

/**
 * Runs a tool's work and answers in MCP's shape: `structuredContent` (redacted) plus the text, or, when anything
 * goes wrong, a tool error (`isError: true`) of one sentence. A problem the caller can fix says what to fix; any
 * other failure is logged to stderr and answered without its details, so no internals or secrets leak.
 */
export async function answer(tool: string, ctx: McpContext, work: () => Promise<ToolAnswer>): Promise<CallToolResult> {
  try {
    const { structured, text } = await work();
    return { content: [{ type: 'text', text: redactResult(text) }], structuredContent: redactResult(structured) };
  } catch (error) {
    if (error instanceof ToolProblem) return toolError(error.message);
    logFailure(ctx, tool, error);
    return toolError(`${tool} failed unexpectedly; the server's log (stderr) has the details.`);
  }
}

function toolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: redactResult(message) }], isError: true };
}

/** Logs an unexpected failure to the server's log (stderr), with its stack and with secrets redacted. */
export function logFailure(ctx: McpContext, what: string, error: unknown): void {
  ctx.log(redactResult(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
}
