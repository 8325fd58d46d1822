const ACCUMULABLES = Buffer.from('"Accumulables":[');
const FINISH_TIME = Buffer.from('"Finish Time":');
const AFTER_TASK_INFO = [Buffer.from(']},"Task Executor Metrics":'), Buffer.from(']},"Task Metrics":')];

/**
 * The JSON text of a TaskEnd line without the `Accumulables` of its `Task Info` (the summary
 * does not read them, and they are about 40% of the line, so parsing gets much cheaper).
 * Only Spark's own layout is cut — accumulables last in `Task Info`, after `Finish Time`, then
 * `Task Executor Metrics` or `Task Metrics` — and the markers hold a raw quote, which cannot
 * occur inside a JSON string; any other line is returned whole.
 */
export function taskEndText(line: Buffer): string {
  const start = line.indexOf(ACCUMULABLES);
  if (start < 0) return line.toString('utf8');
  const finish = line.indexOf(FINISH_TIME);
  if (finish < 0 || finish > start) return line.toString('utf8');
  const from = start + ACCUMULABLES.length;
  for (const marker of AFTER_TASK_INFO) {
    const end = line.indexOf(marker, from);
    if (end >= 0) return line.toString('utf8', 0, from) + line.toString('utf8', end);
  }
  return line.toString('utf8');
}
