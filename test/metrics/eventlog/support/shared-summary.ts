import { readFileSync } from 'node:fs';
import type { StageTaskDistribution } from '../../../../src/metrics/eventlog/stage-task-distributions.js';
import type { SummarizeOptions } from '../../../../src/metrics/eventlog/summarize-event-log.js';
import { summarizeEventLogs } from '../../../../src/metrics/eventlog/summarize-event-logs.js';
import type { ApplicationSummary } from '../../../../src/metrics/summary.js';
import { sharedExpectation, sharedLog } from '../../../support/shared-data.js';

/** The one summary of a shared log (path under `logs/`); fails loudly when there is not exactly one. */
export async function summarizeShared(relative: string, options: SummarizeOptions = {}): Promise<ApplicationSummary> {
  const { summaries, problems } = await summarizeEventLogs([sharedLog(relative)], options);
  const [row] = summaries;
  if (summaries.length !== 1 || !row) throw new Error(`expected one summary of ${relative}, got ${summaries.length}: ${problems.join(' ')}`);
  return row;
}

/** The task distribution of every stage attempt of a shared log, keyed `<stage id>.<attempt>`, and its row. */
export async function stageDistributionsOf(relative: string): Promise<{ row: ApplicationSummary; stages: Map<string, StageTaskDistribution> }> {
  const stages = new Map<string, StageTaskDistribution>();
  const row = await summarizeShared(relative, {
    onStageDistribution: (stage) => stages.set(`${stage.stageId}.${stage.attemptId}`, {
      ...stage, durationsMs: stage.durationsMs.slice(), shuffleReadBytes: stage.shuffleReadBytes.slice(),
    }),
  });
  return { row, stages };
}

/** A JSON oracle under `expectations/`. */
export function readExpectation<T>(relative: string): T {
  return JSON.parse(readFileSync(sharedExpectation(relative), 'utf8')) as T;
}

/** A CSV oracle under `expectations/`, as records keyed by the header (quoted fields may hold commas and newlines). */
export function readCsvExpectation(relative: string): Record<string, string>[] {
  const [header = [], ...records] = parseCsv(readFileSync(sharedExpectation(relative), 'utf8'));
  return records.map((values) => Object.fromEntries(header.map((name, index) => [name, values[index] ?? ''])));
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && (char === ',' || char === '\n')) {
      row.push(field);
      field = '';
      if (char === '\n') rows.push(row.splice(0));
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
