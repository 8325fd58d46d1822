import { VERSION } from '../version.js';
import { diagnoseCommand } from './commands/diagnose.js';
import { generateCommand } from './commands/generate.js';
import { ingestCommand } from './commands/ingest.js';
import { mcpCommand } from './commands/mcp.js';
import { reportCommand } from './commands/report.js';
import { rewriteCommand } from './commands/rewrite.js';
import { summarizeCommand } from './commands/summarize.js';
import { sweepCommand } from './commands/sweep.js';
import { tuneCommand } from './commands/tune.js';
import { verifyCommand } from './commands/verify.js';
import { whatifCommand } from './commands/whatif.js';
import { EXIT, processIo, type CliIo } from './io.js';
import { UsageError } from './usage-error.js';

interface Command {
  run(argv: string[], io: CliIo): Promise<number>;
  usage: string;
}

const COMMANDS: Record<string, Command> = {
  summarize: { run: summarizeCommand, usage: 'summarize <log, dir or s3://…>... [--format table]   event logs → JSON Lines of summaries' },
  diagnose: {
    run: diagnoseCommand,
    usage:
      'diagnose (--event-logs <dir|s3://…> | --metrics athena) [--dag D] [--task T] [--json] [--until DATE] [--group-by app-name] [--narrator bedrock]   findings per task',
  },
  rewrite: { run: rewriteCommand, usage: 'rewrite <file> --task T [--dag D] --set k=v [--write]   edit one DAG file' },
  tune: {
    run: tuneCommand,
    usage: 'tune (--event-logs <dir|s3://…> | --metrics athena) --repo <git dir> [--dag D] [--dry-run] [--narrator bedrock]   the whole pipeline',
  },
  mcp: {
    run: mcpCommand,
    usage: 'mcp [--event-logs <dir>] [--group-by app-name] [--http [--host H] [--port N]]   the MCP server (stdio; --http needs MCP_TOKEN)',
  },
  ingest: {
    run: ingestCommand,
    usage: 'ingest --event-logs <dir|s3://…> --out <dir|s3://…> [--concurrency N]   new event logs → JSON Lines by day, for the table',
  },
  sweep: { run: sweepCommand, usage: 'sweep [--json] [--until DATE]   one scheduled pass as the GitHub App (APP_ID, PRIVATE_KEY… as npm start)' },
  verify: {
    run: verifyCommand,
    usage: 'verify (--event-logs <dir> | --metrics athena) --repo <git dir> [--dag D] [--json]   before/after of spark-tuner branches merged within verify.window_days (verify.auto_revert acts on GitHub only)',
  },
  report: { run: reportCommand, usage: 'report --savings (--event-logs <dir> | --metrics athena) --repo <git dir> [--json]   realized savings per month' },
  whatif: {
    run: whatifCommand,
    usage: 'whatif (--event-logs <dir|s3://…> | --metrics athena) --dag D --task T --executors N [--cores C] [--json]   predicted runtime and cost at another executor count',
  },
  generate: { run: generateCommand, usage: 'generate <scenario> --out <dir> | --list   write example event logs' },
};

const HELP = [
  `spark-tuner ${VERSION}: tunes the Spark configuration of Airflow DAGs from measured runs.`,
  '',
  'Usage: spark-tuner <command> [options]',
  '',
  ...Object.values(COMMANDS).map((command) => `  ${command.usage}`),
  '',
  'The GitHub App runs with `npm start`. See README.md.',
  '',
].join('\n');

/** Runs one CLI command; returns the exit code (0 ok, 1 failed, 2 bad input, 3 refused). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`spark-tuner: unknown command "${name}"; run \`spark-tuner --help\` for the commands.\n`);
    return EXIT.badInput;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`spark-tuner ${name}: ${error.message}\n`);
      return EXIT.badInput;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`spark-tuner ${name} failed: ${message}\n`);
    if (process.env.SPARK_TUNER_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return EXIT.failed;
  }
}
