import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { VERSION } from '../version.js';
import { registerAnalysisPrompt } from './analysis-prompt.js';
import type { McpContext } from './context.js';
import { registerDiagnoseTask } from './tools/diagnose-task.js';
import { registerGetTaskMetrics } from './tools/get-task-metrics.js';
import { registerListTasks } from './tools/list-tasks.js';
import { registerProposeChange } from './tools/propose-change.js';
import { registerWhatif } from './tools/whatif.js';

const INSTRUCTIONS =
  'spark-tuner reads the Spark runs of Airflow DAG tasks (read only). Start with list_tasks; get_task_metrics gives the ' +
  'summary rows of a task, diagnose_task its findings and recommendations, propose_change the DAG file diff for a local ' +
  'checkout, whatif the predicted runtime and cost at another executor count. The prompt spark_tuning_analysis writes the standardized five-section analysis.';

/** The MCP server of DESIGN §12: five read-only tools (the four of §12 and `whatif`) and one prompt, over any transport. */
export function createMcpServer(ctx: McpContext): McpServer {
  const server = new McpServer({ name: 'spark-tuner', version: VERSION }, { instructions: INSTRUCTIONS });
  registerListTasks(server, ctx);
  registerGetTaskMetrics(server, ctx);
  registerDiagnoseTask(server, ctx);
  registerProposeChange(server, ctx);
  registerWhatif(server, ctx);
  registerAnalysisPrompt(server, ctx);
  return server;
}
