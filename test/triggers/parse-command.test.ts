import { describe, expect, it } from 'vitest';
import { parseCommand, splitTarget } from '../../src/triggers/parse-command.js';

describe('parseCommand()', () => {
  it('reads a DAG id on a line of its own', () => {
    expect(parseCommand('/spark-tune daily_sales')).toEqual({
      kind: 'tune',
      target: 'daily_sales',
      candidates: [{ dag_id: 'daily_sales', task_id: null }],
      dry_run: false,
    });
  });

  it('reads --dry-run before or after the id, among other lines with CRLF endings', () => {
    const command = parseCommand('Could you look at this?\r\n  /spark-tune --dry-run daily_sales.load_orders\r\nThanks');
    expect(command).toEqual({
      kind: 'tune',
      target: 'daily_sales.load_orders',
      candidates: [
        { dag_id: 'daily_sales.load_orders', task_id: null },
        { dag_id: 'daily_sales', task_id: 'load_orders' },
      ],
      dry_run: true,
    });
    expect(parseCommand('/spark-tune x --dry-run')).toMatchObject({ kind: 'tune', target: 'x', dry_run: true });
  });

  it('reads ignore, unignore and verify with one id', () => {
    expect(parseCommand('/spark-tune ignore daily_sales.load_orders')).toEqual({ kind: 'ignore', target: 'daily_sales.load_orders' });
    expect(parseCommand('/spark-tune unignore daily_sales')).toEqual({ kind: 'unignore', target: 'daily_sales' });
    expect(parseCommand('/spark-tune verify daily_sales')).toEqual({ kind: 'verify', target: 'daily_sales' });
  });

  it('explains an ignore without an id, with two, or with a bad one', () => {
    expect(parseCommand('/spark-tune ignore')).toEqual({
      kind: 'invalid',
      message: 'Name the DAG, as in `/spark-tune ignore <dag_id>[.<task_id>]`; see `/spark-tune help`.',
    });
    expect(parseCommand('/spark-tune unignore a b')).toEqual({
      kind: 'invalid',
      message: '`unignore` takes one id, as in `/spark-tune unignore <dag_id>[.<task_id>]`; see `/spark-tune help`.',
    });
    expect(parseCommand('/spark-tune verify a/b')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('is not a valid Airflow DAG id') });
  });

  it('reads help', () => {
    expect(parseCommand('/spark-tune help')).toEqual({ kind: 'help' });
  });

  it('ignores comments without the command on a line of its own', () => {
    expect(parseCommand('Please run /spark-tune daily_sales later')).toBeNull();
    expect(parseCommand('/spark-tuner daily_sales')).toBeNull();
    expect(parseCommand('LGTM')).toBeNull();
    expect(parseCommand('')).toBeNull();
  });

  it('ignores quoted lines, fenced code blocks and indented code', () => {
    expect(parseCommand('> /spark-tune daily_sales\n\nagreed')).toBeNull();
    expect(parseCommand('```\n/spark-tune daily_sales\n```')).toBeNull();
    expect(parseCommand('~~~~text\n/spark-tune a\n~~~\n/spark-tune b\n~~~~')).toBeNull();
    expect(parseCommand('Example:\n\n    /spark-tune daily_sales')).toBeNull();
  });

  it('finds the command after a closed code block', () => {
    expect(parseCommand('```sh\n/spark-tune a\n```\n/spark-tune b')).toMatchObject({ kind: 'tune', target: 'b' });
  });

  it('rejects a missing id, extra ids and unknown flags with a pointer to help', () => {
    expect(parseCommand('/spark-tune')).toEqual({
      kind: 'invalid',
      message: 'Name the DAG to tune, as in `/spark-tune <dag_id>[.<task_id>]`; see `/spark-tune help`.',
    });
    expect(parseCommand('/spark-tune a b')).toEqual({
      kind: 'invalid',
      message: 'Give one DAG id, not 2 (`a`, `b`); see `/spark-tune help`.',
    });
    expect(parseCommand('/spark-tune daily_sales --force')).toEqual({
      kind: 'invalid',
      message: 'Unknown option `--force`; see `/spark-tune help`.',
    });
  });

  it('rejects ids Airflow would not accept, showing them as code without backticks', () => {
    expect(parseCommand('/spark-tune <script>alert(`x`)</script>')).toEqual({
      kind: 'invalid',
      message:
        '`<script>alert(x)</script>` is not a valid Airflow DAG id (letters, digits, `_`, `.`, `-`; at most 250); see `/spark-tune help`.',
    });
    expect(parseCommand(`/spark-tune ${'a'.repeat(251)}`)).toMatchObject({ kind: 'invalid' });
  });
});

describe('splitTarget()', () => {
  it('gives the whole string as a dag id first, then each split at a dot, longest dag id first', () => {
    expect(splitTarget('a.b.c')).toEqual([
      { dag_id: 'a.b.c', task_id: null },
      { dag_id: 'a.b', task_id: 'c' },
      { dag_id: 'a', task_id: 'b.c' },
    ]);
  });

  it('keeps splits whose parts fit even when the whole is too long for one id', () => {
    const dag = 'd'.repeat(200);
    const task = 't'.repeat(200);
    expect(splitTarget(`${dag}.${task}`)).toEqual([{ dag_id: dag, task_id: task }]);
  });

  it('gives nothing for characters outside Airflow ids', () => {
    expect(splitTarget('daily sales')).toEqual([]);
    expect(splitTarget('daily/sales.load')).toEqual([]);
  });
});
