import { describe, expect, it } from 'vitest';
import { inspectDagFile } from '../../src/dags/inspect-dag-file.js';

async function dagsOf(source: string, path?: string): Promise<unknown> {
  const info = await inspectDagFile(source, path);
  return info.kind === 'parsed' ? info.dags.map(({ dag_id, task_ids }) => ({ dag_id, task_ids })) : info;
}

describe('inspectDagFile', () => {
  it('finds DAG("id"), DAG(dag_id=…), models.DAG and airflow.DAG, and tasks inside their with blocks', async () => {
    const source = [
      'import airflow',
      'from airflow import DAG, models',
      'with DAG("a") as dag_a:',
      '    Op(task_id="a1")',
      'with models.DAG(dag_id="b"):',
      '    Op(task_id="b1")',
      'with airflow.DAG("c", schedule=None) as dag_c:',
      '    Op(task_id="c1")',
      '',
    ].join('\n');
    expect(await dagsOf(source)).toEqual([
      { dag_id: 'a', task_ids: ['a1'] },
      { dag_id: 'b', task_ids: ['b1'] },
      { dag_id: 'c', task_ids: ['c1'] },
    ]);
  });

  it('names @dag functions by dag_id= or, bare, by the function name', async () => {
    const source = [
      '@dag(dag_id="explicit")',
      'def first():',
      '    Op(task_id="t1")',
      '@dag',
      'def bare():',
      '    Op(task_id="t2")',
      '@dag()',
      'def called(): Op(task_id="t3")',
      '',
    ].join('\n');
    expect(await dagsOf(source)).toEqual([
      { dag_id: 'explicit', task_ids: ['t1'] },
      { dag_id: 'bare', task_ids: ['t2'] },
      { dag_id: 'called', task_ids: ['t3'] },
    ]);
  });

  it('follows module constants for ids and attributes tasks passed dag=<var>', async () => {
    const source = [
      'DAG_ONE = "one"',
      'TASK = "load"',
      'one = DAG(DAG_ONE)',
      'two = DAG(dag_id="two")',
      'Op(task_id=TASK, dag=one)',
      'Op(task_id="other", dag=two)',
      'with one:',
      '    Op(task_id="inside")',
      'Op(task_id="orphan")',
      '',
    ].join('\n');
    expect(await dagsOf(source)).toEqual([
      { dag_id: 'one', task_ids: ['load', 'inside'] },
      { dag_id: 'two', task_ids: ['other'] },
    ]);
  });

  it('gives every task to the only DAG of a file, and prefixes TaskGroup ids', async () => {
    const source = [
      'dag = DAG("solo")',
      'Op(task_id="a")',
      'with TaskGroup("grp"):',
      '    Op(task_id="b")',
      '    with TaskGroup(group_id="inner"):',
      '        Op(task_id="c")',
      'with TaskGroup("flat", prefix_group_id=False):',
      '    Op(task_id="d")',
      '',
    ].join('\n');
    expect(await dagsOf(source)).toEqual([{ dag_id: 'solo', task_ids: ['a', 'grp.b', 'grp.inner.c', 'd'] }]);
  });

  it('follows a variable reused for a second DAG', async () => {
    const source = [
      'dag = DAG("first")',
      'Op(task_id="a", dag=dag)',
      'with dag:',
      '    Op(task_id="b")',
      'dag = DAG("second")',
      'Op(task_id="c", dag=dag)',
      'with dag:',
      '    Op(task_id="d")',
      '',
    ].join('\n');
    expect(await dagsOf(source)).toEqual([
      { dag_id: 'first', task_ids: ['a', 'b'] },
      { dag_id: 'second', task_ids: ['c', 'd'] },
    ]);
  });

  it('skips DAGs whose id is not a literal', async () => {
    expect(await dagsOf('for n in NAMES:\n    DAG(f"dag_{n}")\nDAG(dag_id=name)\n')).toEqual([]);
  });

  it('reports the line of a syntax error', async () => {
    expect(await inspectDagFile('x = 1\nwith DAG("a") as dag\n    pass\n')).toEqual({ kind: 'syntax-error', line: 2 });
  });

  it('names the tasks of @task_group functions called once after their group, and skips groups called twice', async () => {
    const source = [
      '@task_group',
      'def etl():',
      '    Op(task_id="load")',
      '@task_group(group_id="audit")',
      'def audit_group():',
      '    Op(task_id="check")',
      '@task_group',
      'def twice():',
      '    Op(task_id="again")',
      '@dag',
      'def grouped():',
      '    etl() >> audit_group()',
      '    twice() >> twice()',
      '',
    ].join('\n');
    expect(await dagsOf(source)).toEqual([{ dag_id: 'grouped', task_ids: ['etl.load', 'audit.check', 'twice.again'] }]);
  });
});

describe('inspectDagFile on dag-factory YAML', () => {
  it('lists the DAGs (top-level keys with tasks) and their task ids, mapping or list form, with task group prefixes', async () => {
    const source = [
      'default:',
      '  default_args: {owner: data}',
      'x-shared: &shared',
      '  retries: 2',
      'first:',
      '  task_groups:',
      '    grp: {tooltip: group}',
      '    inner: {parent_group_name: grp}',
      '  tasks:',
      '    a: {operator: x.EmptyOperator}',
      '    b: {operator: x.EmptyOperator, task_group_name: grp}',
      '    c: {operator: x.EmptyOperator, task_group_name: inner}',
      'second:',
      '  tasks:',
      '    - task_id: d',
      '      operator: x.EmptyOperator',
      '',
    ].join('\n');
    expect(await dagsOf(source, 'dags/config.yml')).toEqual([
      { dag_id: 'first', task_ids: ['a', 'grp.b', 'grp.inner.c'] },
      { dag_id: 'second', task_ids: ['d'] },
    ]);
  });

  it('reports the line of a YAML syntax error', async () => {
    expect(await inspectDagFile('first:\n  tasks:\n    a: [x\n', 'dags/x.yaml')).toEqual({ kind: 'syntax-error', line: 4 });
  });
});
