import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectDagFile } from '../../../src/dags/inspect-dag-file.js';
import { logicalLines } from '../../../src/dags/python/logical-lines.js';
import { forgetPythonTrees } from '../../../src/dags/python/parser.js';
import { editedPartialText, partialText, setPartialParsePolicy } from '../../../src/dags/python/partial-parse.js';
import { rewriteDag } from '../../../src/dags/rewrite.js';
import type { RewriteResult, TaskChanges } from '../../../src/dags/types.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const EVERY_TEXT = { fromCharacters: 0, maxShare: 1 };

afterAll(() => {
  setPartialParsePolicy();
  forgetPythonTrees();
});

/** Rewrites once parsing whole, once parsing in part (every text, whatever its size), from fresh trees. */
async function bothWays(source: string, dagId: string, changes: TaskChanges[], file = 'dags/x.py'): Promise<[RewriteResult, RewriteResult]> {
  setPartialParsePolicy({ fromCharacters: Number.POSITIVE_INFINITY, maxShare: 1 });
  forgetPythonTrees();
  const whole = await rewriteDag(source, dagId, changes, { path: file });
  setPartialParsePolicy(EVERY_TEXT);
  forgetPythonTrees();
  const partial = await rewriteDag(source, dagId, changes, { path: file });
  return [whole, partial];
}

const pythonCases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(FIXTURES, entry.name, 'input.py')))
  .filter((entry) => existsSync(path.join(FIXTURES, entry.name, 'change.json')))
  .map((entry) => entry.name)
  .sort();

describe('parsing in part gives what parsing whole gives', () => {
  it('has the Python fixture cases', () => {
    expect(pythonCases.length).toBeGreaterThanOrEqual(100);
  });

  it.each(pythonCases)('%s', async (name) => {
    const input = readFileSync(path.join(FIXTURES, name, 'input.py'), 'utf8');
    const change = JSON.parse(readFileSync(path.join(FIXTURES, name, 'change.json'), 'utf8')) as { dag_id: string; changes: TaskChanges[] };
    const [whole, partial] = await bothWays(input, change.dag_id, change.changes, `dags/${name}/input.py`);
    expect(partial).toEqual(whole);
  });
});

const header = 'from airflow import DAG\nfrom airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator\n';
const filler = (count: number, indent = '') => Array.from({ length: count }, (_, n) => `${indent}v${n % 7} = ${n}\n`).join('');
const memory: TaskChanges[] = [{ task_id: 't', settings: [{ key: 'spark.executor.memory', value: '4g' }] }];

describe('a file parsed in part', () => {
  it('follows a constant written in a statement first left out', async () => {
    const text = `${header}${filler(50)}MEM = "8g"\n${filler(50)}with DAG("d") as dag:\n${filler(20, '    ')}`
      + `    SparkSubmitOperator(task_id="t", executor_memory=MEM)\n${filler(20, '    ')}`;
    const [whole, partial] = await bothWays(text, 'd', memory);
    expect(partial).toEqual(whole);
    expect(partial.kind === 'edited' ? partial.content : partial).toBe(text.replace('MEM = "8g"', 'MEM = "4g"'));
  });

  it('still refuses a constant assigned again in a simple statement far away', async () => {
    const text = `${header}MEM = "8g"\n${filler(50)}with DAG("d") as dag:\n    SparkSubmitOperator(task_id="t", executor_memory=MEM)\n`
      + `${filler(50)}MEM = "16g"\n`;
    const [whole, partial] = await bothWays(text, 'd', memory);
    expect(partial).toEqual(whole);
    expect(partial).toEqual({ kind: 'refused', reason: expect.stringContaining('assigned more than once') });
  });

  it('still refuses a dict changed in place by an augmented assignment left out at first', async () => {
    const text = `${header}CONF = {"spark.executor.memory": "8g"}\n${filler(30)}CONF |= EXTRA\n${filler(30)}`
      + 'with DAG("d") as dag:\n    SparkSubmitOperator(task_id="t", conf=CONF)\n';
    const [whole, partial] = await bothWays(text, 'd', memory);
    expect(partial).toEqual(whole);
    expect(partial.kind).toBe('refused');
  });

  it('reports a syntax error at its line, even among statements it would leave out', async () => {
    const text = `${header}${filler(40)}x = = 1\n${filler(40)}with DAG("d") as dag:\n    SparkSubmitOperator(task_id="t", executor_memory="8g")\n`;
    const [whole, partial] = await bothWays(text, 'd', memory);
    expect(partial).toEqual(whole);
    expect(partial).toEqual({ kind: 'refused', reason: 'the file does not parse (syntax error at line 43)' });
  });

  it.each([
    ['deeper', '      a = 1\n'],
    ['back to a level never opened', '  a = 1\n'],
    ['after a header', 'if x:\n    b = 1\n'],
  ])('reads an indentation %s among statements it would leave out as parsing whole does', async (_name, odd) => {
    const text = `${header}with DAG("d") as dag:\n${filler(10, '    ')}${odd}${filler(10, '    ')}`
      + '    SparkSubmitOperator(task_id="t", executor_memory="8g")\n';
    const [whole, partial] = await bothWays(text, 'd', memory);
    expect(partial).toEqual(whole);
  });

  it('leaves out comment lines between statements, and edits next to them as parsing whole does', async () => {
    const comments = '# note\n'.repeat(30);
    const text = `${header}${comments}MEM = "8g"  # why\n${comments}with DAG("d") as dag:\n${comments}`
      + `    SparkSubmitOperator(\n        # keep\n        task_id="t", executor_memory=MEM,\n    )\n${comments}`;
    const [whole, partial] = await bothWays(text, 'd', memory);
    expect(partial).toEqual(whole);
    expect(partial.kind === 'edited' ? partial.content : partial).toBe(text.replace('MEM = "8g"', 'MEM = "4g"'));
  });

  it('lists the same DAGs and tasks', async () => {
    const text = `${header}${filler(30)}dag = DAG("d")\n${filler(30)}t = SparkSubmitOperator(task_id="t", dag=dag)\n`
      + `${filler(30)}u = SparkSubmitOperator(task_id="u", dag=dag)\nt >> u\n`;
    setPartialParsePolicy(EVERY_TEXT);
    forgetPythonTrees();
    expect(await inspectDagFile(text, 'dags/d.py')).toEqual({ kind: 'parsed', dags: [{ dag_id: 'd', line: 33, task_ids: ['t', 'u'] }] });
  });

  it('parses a small text in part when it holds a long run of comment lines', () => {
    setPartialParsePolicy();
    const small = `${header}with DAG("d") as dag:\n    SparkSubmitOperator(task_id="t")\n`;
    expect(partialText(small)).toBeNull();
    expect(partialText(`${small}${'# old code\n'.repeat(100)}`)).not.toBeNull();
    expect(partialText(`${small}${'# old code\n'.repeat(99)}x = 1\n`)).toBeNull();
  });

  it('parses only the statements that may matter', () => {
    setPartialParsePolicy(EVERY_TEXT);
    const text = `${header}${filler(100)}with DAG("d") as dag:\n${filler(100, '    ')}    SparkSubmitOperator(task_id="t")\n`;
    const partial = partialText(text);
    expect(partial?.included.reduce((sum, flag) => sum + flag, 0)).toBe(5);
  });
});

describe('editedPartialText', () => {
  const text = 'a = 1\nwith DAG("d") as dag:\n    b = 2\n    t = Op(task_id="t",\n        conf={"k": "8g"})\n    c = 3\n';
  const splice = (from: string, to: string) => {
    const start = text.indexOf(from);
    return { start, end: start + from.length, expected: from, replacement: to };
  };

  it('shifts the statements after an edit inside an included statement, and keeps what was included', () => {
    setPartialParsePolicy(EVERY_TEXT);
    const partial = partialText(text);
    if (!partial) throw new Error('expected a partial text');
    const edit = splice('"8g"}', '"16g", "j": "1"}');
    const content = text.replace('"8g"}', '"16g", "j": "1"}');
    const edited = editedPartialText(partial, [edit], content);
    const scanned = partialText(content);
    expect(edited && Array.from(edited.lines.starts)).toEqual(scanned && Array.from(scanned.lines.starts));
    expect(edited && Array.from(edited.lines.ends)).toEqual(scanned && Array.from(scanned.lines.ends));
    expect(edited && Array.from(edited.included)).toEqual(Array.from(partial.included));
  });

  it('gives up on an edit in a statement left out, or one that changes where a statement ends', () => {
    setPartialParsePolicy(EVERY_TEXT);
    const partial = partialText(text);
    if (!partial) throw new Error('expected a partial text');
    expect(editedPartialText(partial, [splice('c = 3', 'c = 4')], text.replace('c = 3', 'c = 4'))).toBeNull();
    expect(editedPartialText(partial, [splice('"8g"})', '"8g"}\n)')], text.replace('"8g"})', '"8g"}\n)'))).not.toBeNull();
    expect(editedPartialText(partial, [splice('"8g"})', '"8g"}')], text.replace('"8g"})', '"8g"}'))).toBeNull();
  });
});

describe('logicalLines', () => {
  const lines = (text: string) => {
    const found = logicalLines(text);
    if (!found) return null;
    return Array.from({ length: found.count }, (_, n) => text.slice(found.starts[n], found.ends[n]));
  };

  it('joins bracketed, continued and triple-quoted lines, and skips blank and comment lines', () => {
    const text = 'a = (1,\n  2)\n# note\n\nb = 1 + \\\n  2\nc = """x\n"y"\n"""\nif a:  # why\n    d = 1';
    expect(lines(text)).toEqual(['a = (1,\n  2)\n', 'b = 1 + \\\n  2\n', 'c = """x\n"y"\n"""\n', 'if a:  # why\n', '    d = 1']);
  });

  it('follows strings with escapes, prefixes and f-string fields', () => {
    const text = 'a = "x\\"(#"\nb = rb\'\\\\\'\nc = f"{d["k"]:>{w}} {{(}}"\nd = 1\r\n';
    expect(lines(text)).toEqual(['a = "x\\"(#"\n', "b = rb'\\\\'\n", 'c = f"{d["k"]:>{w}} {{(}}"\n', 'd = 1\r\n']);
  });

  it('marks headers and one-line statements', () => {
    const found = logicalLines('if a:\n    b = [\n1]\nelse:  # c\n    pass\n');
    expect(found ? Array.from(found.flags) : null).toEqual([3, 0, 3, 1]);
  });

  it.each([
    ['an unterminated string', 'a = "x\nb = 1\n'],
    ['unbalanced brackets', 'a = (1,\nb = 2\n'],
    ['a tab in indentation', 'if a:\n\tb = 1\n'],
    ['a lone carriage return', 'a = 1\rb = 2\n'],
  ])('is not sure of a text with %s', (_name, text) => {
    expect(logicalLines(text)).toBeNull();
  });
});
