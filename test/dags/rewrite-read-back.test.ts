import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { rewriteCommand } from '../../src/cli/commands/rewrite.js';
import { rewriteDag } from '../../src/dags/rewrite.js';

/** A renderer that writes the wrong value: every replacement says 7g, whatever was asked. */
vi.mock('../../src/dags/render-edits.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/dags/render-edits.js')>();
  return {
    renderEdits: (...args: Parameters<typeof real.renderEdits>) => {
      const result = real.renderEdits(...args);
      if (result.kind !== 'splices') return result;
      return { kind: 'splices', splices: result.splices.map((splice) => ({ ...splice, replacement: splice.replacement.replace(/\d+g/, '7g') })) };
    },
  };
});

const SOURCE = [
  'from airflow import DAG',
  'from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator',
  '',
  'with DAG(dag_id="daily") as dag:',
  '    load = SparkSubmitOperator(task_id="load", application="a.py", conf={"spark.executor.memory": "16g"})',
  '',
].join('\n');

const work = mkdtempSync(path.join(tmpdir(), 'spark-tuner-read-back-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the rewriter reads its edit back', () => {
  it('refuses a rendering that does not hold the requested value', async () => {
    const result = await rewriteDag(SOURCE, 'daily', [{ task_id: 'load', settings: [{ key: 'spark.executor.memory', value: '8g' }] }]);
    expect(result).toEqual({
      kind: 'refused',
      reason: 'the edited file does not read back as intended (spark.executor.memory of task load is 7g); nothing was changed',
    });
  });

  it('leaves the file untouched with --write', async () => {
    const file = path.join(work, 'daily.py');
    writeFileSync(file, SOURCE);
    let stderr = '';
    const code = await rewriteCommand([file, '--task', 'load', '--set', 'spark.executor.memory=8g', '--write'], {
      stdout: () => undefined,
      stderr: (text) => (stderr += text),
    });
    expect(code).not.toBe(0);
    expect(stderr).toContain('does not read back as intended');
    expect(readFileSync(file, 'utf8')).toBe(SOURCE);
  });
});
