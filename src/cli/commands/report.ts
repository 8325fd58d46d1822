import { formatUsd } from '../../format.js';
import { escapeInline } from '../../narrate/markdown.js';
import { realizedSavings } from '../../verify/savings.js';
import { EXIT, type CliIo } from '../io.js';
import { parseCommandLine, UsageError } from '../usage-error.js';
import { LOCAL_VERIFY_OPTIONS, runLocalVerification } from '../verify-options.js';

const USAGE = 'spark-tuner report --savings (--event-logs <dir> | --metrics athena) --repo <git dir> [--dag D] [--json]';

/** The realized savings of the verified tunings merged into the current branch, per month. */
export async function reportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(
    {
      args: argv,
      options: { ...LOCAL_VERIFY_OPTIONS, savings: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    },
    USAGE,
  );
  if (!values.savings) throw new UsageError(`only --savings is reported so far. Usage: ${USAGE}`);
  const result = await runLocalVerification(values, USAGE, io);
  if (!result) return EXIT.ok;
  const { verifications } = result;
  const total = realizedSavings(verifications);
  if (values.json) {
    io.stdout(`${JSON.stringify(total, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [
    '| Task | Runs/day | GB-hours/month | Core-hours/month | $/month |',
    '|---|---:|---:|---:|---:|',
    ...total.savings.map((s) => `| ${escapeInline(`${s.dag_id}.${s.task_id}`)} | ${s.runs_per_day.toFixed(1)} | ${s.gb_hours_per_month.toFixed(1)} | ${s.core_hours_per_month.toFixed(1)} | ${formatUsd(s.usd_per_month)} |`),
    `| **Total** | | ${total.gb_hours_per_month.toFixed(1)} | ${total.core_hours_per_month.toFixed(1)} | ${formatUsd(total.usd_per_month)} |`,
    '',
    ...total.notes,
    `${total.savings.length} verified tuning(s) of ${verifications.length} merged task change(s).`,
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
