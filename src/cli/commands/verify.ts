import { renderVerification } from '../../verify/render-table.js';
import { EXIT, type CliIo } from '../io.js';
import { parseCommandLine } from '../usage-error.js';
import { LOCAL_VERIFY_OPTIONS, runLocalVerification } from '../verify-options.js';

const USAGE = 'spark-tuner verify (--event-logs <dir> | --metrics athena) --repo <git dir> [--dag D] [--min-runs N] [--max-slowdown 0.2] [--json]';

/** Compares the runs before and after each spark-tuner branch merged into the current branch; prints a table per task. */
export async function verifyCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(
    {
      args: argv,
      options: { ...LOCAL_VERIFY_OPTIONS },
      strict: true,
      allowPositionals: false,
    },
    USAGE,
  );
  const result = await runLocalVerification(values, USAGE, io);
  if (!result) return EXIT.ok;
  const { verifications } = result;
  if (values.json) {
    io.stdout(`${JSON.stringify(verifications, null, 2)}\n`);
    return EXIT.ok;
  }
  if (verifications.length === 0) {
    io.stderr('No spark-tuner proposal with recorded values is merged into the current branch within verify.window_days; nothing to verify.\n');
    return EXIT.ok;
  }
  io.stdout(verifications.map(renderVerification).join('\n'));
  return EXIT.ok;
}
