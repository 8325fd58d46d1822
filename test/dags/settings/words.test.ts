import { describe, expect, it } from 'vitest';
import { wordsOfString, type Word } from '../../../src/dags/settings/words.js';
import type { ScalarValue } from '../../../src/dags/values/value.js';

function wordsOf(value: ScalarValue): Word[] {
  const words = wordsOfString(value, () => 1);
  if (!Array.isArray(words)) throw new Error(words.reason);
  return words;
}

/** A string scalar whose text starts at source offset 100, in one piece or in two (a literal joined to another). */
function scalar(parts: string[]): ScalarValue {
  let start = 100;
  const segments = parts.map((text) => {
    const segment = { text, start };
    start += text.length + 3;
    return segment;
  });
  const text = parts.join('');
  return { kind: 'string', text, segments, quote: '"', range: { start: 99, end: start }, line: 1, via: [], origin: null };
}

describe('wordsOfString', () => {
  it('splits at white space, keeping {{ … }} and quoted groups as one word', () => {
    const words = wordsOf(scalar(['--conf  a={{ run_id }} --conf "b=x y"\t-c c=1']));
    expect(words.map((word) => word.text)).toEqual(['--conf', 'a={{ run_id }}', '--conf', 'b=x y', '-c', 'c=1']);
  });

  it('maps a word back to its source characters, unless quotes or a literal boundary split it', () => {
    const words = wordsOf(scalar(['--conf spark.a=1 --conf "spark.b=', '2"']));
    expect(words[1]?.slice(8, 9)).toEqual({ text: '1', range: { start: 115, end: 116 } });
    expect(words[3]?.text).toBe('spark.b=2');
    expect(words[3]?.slice(0, 7)).toEqual({ text: 'spark.b', range: { start: 125, end: 132 } });
    expect(words[3]?.slice(8, 9)).toEqual({ text: '2', range: { start: 136, end: 137 } });
    expect(words[3]?.slice(7, 9)).toBeNull();
  });

  it('gives up on {% … %} blocks, whose words depend on run time', () => {
    expect(wordsOfString(scalar(['{% if x %}--conf a=1{% endif %}']), () => 1)).toEqual({ reason: expect.stringContaining('{% … %}') });
  });

  it('gives up on a quote that is never closed, which hides where words end', () => {
    expect(wordsOfString(scalar(["--conf spark.app.name=it's --conf spark.executor.memory=8g"]), () => 1))
      .toEqual({ reason: "has a ' quote that is never closed" });
  });
});
