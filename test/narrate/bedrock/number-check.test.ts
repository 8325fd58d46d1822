import { describe, expect, it } from 'vitest';
import { numberCheck } from '../../../src/narrate/bedrock/number-check.js';
import { quantitiesIn } from '../../../src/narrate/bedrock/quantities.js';
import { narrateDeterministically } from '../../../src/narrate/deterministic/index.js';
import { buildAnalysisPrompt } from '../../../src/narrate/prompt/build-analysis-prompt.js';
import { analysisPromptData } from '../../../src/narrate/prompt/prompt-data.js';
import { SECTIONS } from '../../../src/narrate/types.js';
import { sampleInput } from '../prompt/sample-input.js';

const input = sampleInput();
const prompt = buildAnalysisPrompt(input);
const check = numberCheck([prompt.system, prompt.user], analysisPromptData(input));
const unknown = (text: string): string[] => check.unknown(text).map((q) => q.text);

describe('quantitiesIn', () => {
  it('reads sizes, percentages, money, durations and counts in canonical units', () => {
    const found = quantitiesIn('8g, 5.4 GiB, 34%, $0.83, 20 min, 1 h 5 min, 1,234 tasks, 46.9 GB-hours, 1.25×');
    expect(found.map((q) => [q.dimension, q.values[0]])).toEqual([
      ['duration', 3_900_000],
      ['memory', 8192],
      ['memory', 5.4 * 1024],
      ['percent', 0.34],
      ['money', 0.83],
      ['duration', 1_200_000],
      ['plain', 1234],
      ['plain', 46.9],
      ['plain', 1.25],
    ]);
  });

  it('skips digits inside identifiers, dates and versions', () => {
    expect(quantitiesIn('application_1700000000000_0997 on 2026-11-17 with Spark 3.5.1 reading s3a://b/p')).toEqual([]);
  });
});

describe('numberCheck', () => {
  it('accepts every number of the deterministic narrative (it writes only the data)', () => {
    const narrative = narrateDeterministically(input);
    for (const { key } of SECTIONS) expect(unknown(narrative[key])).toEqual([]);
  });

  it('accepts the data\'s numbers in other units and rounded: 16g = 16384m = 16 GiB, 0.338 = 34%, 20 min = 1200 s', () => {
    expect(unknown('`16g` is 16384m or 16 GiB (17.2 GB); the peak 5.4 GiB is 34% (0.34) of it; runs take 20 min (1200 s); cost $0.83 → $0.70.')).toEqual([]);
    expect(unknown('Executors peak at 5,798,205,850 bytes, about 5530 MiB, under the 0.70 threshold.')).toEqual([]);
  });

  it('rejects invented numbers: sizes, percentages, counts, money and durations', () => {
    expect(unknown('Raise it to `999g`.')).toEqual(['999g']);
    expect(unknown('This saves 75% of the memory.')).toEqual(['75%']);
    expect(unknown('Use 12 executors.')).toEqual(['12']);
    expect(unknown('It saves $412 a month.')).toEqual(['$412']);
    expect(unknown('Runs would take 7 min.')).toEqual(['7 min']);
    expect(unknown('The peak was 9.8 GiB.')).toEqual(['9.8 GiB']);
    expect(unknown('Set `spark.executor.memory` to `6g`.')).toEqual(['6g']);
  });
});
