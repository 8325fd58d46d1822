import fc from 'fast-check';

/** How a generated file is written. */
export interface Layout {
  eol: '\n' | '\r\n';
  quote: '"' | "'";
  indent: '  ' | '    ' | '\t';
  multiline: boolean;
  trailingComma: boolean;
  colon: ': ' | ':';
  comments: boolean;
  finalNewline: boolean;
}

export type Entries = [string, string][];

const KEYS = [
  'spark.executor.memory', 'spark.executor.cores', 'spark.driver.memory', 'spark.sql.shuffle.partitions',
  'spark.dynamicAllocation.maxExecutors', 'spark.executor.memoryOverhead', 'spark.executor.instances',
];

/** A Spark-like key: a common one or a made-up `spark.a.b`. */
export const sparkKey = fc.oneof(fc.constantFrom(...KEYS), fc.stringMatching(/^spark\.[a-z]{1,8}\.[a-z][a-zA-Z]{0,8}$/));

/** A Spark-like value: `512m`, `8g`, `200`. */
export const sparkValue = fc.tuple(fc.integer({ min: 1, max: 4096 }), fc.constantFrom('', 'm', 'g', 'k')).map(([n, unit]) => `${n}${unit}`);

/** One to six settings with distinct keys. */
export const entries = fc.uniqueArray(fc.tuple(sparkKey, sparkValue), { minLength: 1, maxLength: 6, selector: ([key]) => key });

export const layout: fc.Arbitrary<Layout> = fc.record({
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  quote: fc.constantFrom('"' as const, "'" as const),
  indent: fc.constantFrom('  ' as const, '    ' as const, '\t' as const),
  multiline: fc.boolean(),
  trailingComma: fc.boolean(),
  colon: fc.constantFrom(': ' as const, ':' as const),
  comments: fc.boolean(),
  finalNewline: fc.boolean(),
});

/** Bracketed Python elements, on one line or one per line (with comments on some). */
function pythonElements(items: string[], l: Layout, depth: number, open: string, close: string): string {
  if (!l.multiline) return `${open}${items.join(', ')}${l.trailingComma ? ',' : ''}${close}`;
  const inner = l.indent.repeat(depth + 1);
  const lines = items.map((item, index) => {
    const comma = index < items.length - 1 || l.trailingComma ? ',' : '';
    return `${inner}${item}${comma}${l.comments && index % 2 === 0 ? '  # réglé à la main' : ''}`;
  });
  return `${open}${l.eol}${lines.join(l.eol)}${l.eol}${l.indent.repeat(depth)}${close}`;
}

function pythonFile(l: Layout, operator: string, argument: string): string {
  const q = l.quote;
  const lines = [
    'from airflow import DAG',
    `from airflow.providers.x import ${operator}`,
    '',
    '# données ☕',
    `with DAG(${q}generated${q}) as dag:`,
    `${l.indent}${operator}(`,
    `${l.indent}${l.indent}task_id=${q}t${q},`,
    `${l.indent}${l.indent}${argument},`,
    `${l.indent})`,
  ];
  return lines.join(l.eol) + (l.finalNewline ? l.eol : '');
}

/** `SparkSubmitOperator(task_id="t", conf={…})`. */
export function pythonConfFile(settings: Entries, l: Layout): string {
  const q = l.quote;
  const items = settings.map(([key, value]) => `${q}${key}${q}${l.colon}${q}${value}${q}`);
  return pythonFile(l, 'SparkSubmitOperator', `conf=${pythonElements(items, l, 2, '{', '}')}`);
}

/** `EmrAddStepsOperator(task_id="t", steps=[{… "Args": ["spark-submit", "--conf", "k=v", …, app, app args]}])`. */
export function pythonArgsFile(settings: Entries, l: Layout, pairsOnOneLine: boolean): string {
  const q = l.quote;
  const quoted = (text: string): string => `${q}${text}${q}`;
  const pairs = [['--deploy-mode', 'cluster'], ...settings.map(([key, value]) => ['--conf', `${key}=${value}`])];
  const items = pairsOnOneLine && l.multiline
    ? [quoted('spark-submit'), ...pairs.map(([option, value]) => `${quoted(option ?? '')}, ${quoted(value ?? '')}`)]
    : [quoted('spark-submit'), ...pairs.flat().map(quoted)];
  items.push(quoted('s3://acme-jobs/app.py'), `${quoted('--conf')}, ${quoted('app.argument=1')}`);
  const args = pythonElements(items, l, 2, '[', ']');
  return pythonFile(l, 'EmrAddStepsOperator', `steps=[{${q}Name${q}: ${q}step${q}, ${q}HadoopJarStep${q}: {${q}Args${q}: ${args}}}]`);
}

/** `EmrServerlessStartJobOperator(…, job_driver={"sparkSubmit": {"sparkSubmitParameters": "--conf k=v …"}})`. */
export function pythonParametersFile(settings: Entries, l: Layout, parts: number, spaces: string): string {
  const q = l.quote;
  const words = settings.map(([key, value]) => `--conf ${key}=${value}`);
  const size = Math.ceil(words.length / parts);
  const chunks: string[] = [];
  for (let index = 0; index < words.length; index += size) chunks.push(words.slice(index, index + size).join(spaces));
  const literal = chunks.map((chunk, index) => `${q}${chunk}${index < chunks.length - 1 ? ' ' : ''}${q}`)
    .join(`${l.eol}${l.indent.repeat(4)}`);
  const value = chunks.length > 1 ? `(${l.eol}${l.indent.repeat(4)}${literal}${l.eol}${l.indent.repeat(3)})` : literal;
  return pythonFile(l, 'EmrServerlessStartJobOperator', `job_driver={${q}sparkSubmit${q}: {${q}sparkSubmitParameters${q}: ${value}}}`);
}

/** A YAML scalar in one of the three styles. */
function yamlScalar(text: string, style: string): string {
  return style === '' ? text : `${style}${text}${style}`;
}

function yamlFile(l: Layout, operator: string, body: string[]): string {
  const lines = ['# données ☕', 'generated:', '  tasks:', '    t:', `      operator: airflow.providers.x.${operator}`, ...body];
  return lines.join(l.eol) + (l.finalNewline ? l.eol : '');
}

/** A dag-factory task with a `conf` block mapping (or flow mapping). */
export function yamlConfFile(settings: Entries, l: Layout, style: string, flow: boolean): string {
  const pairs = settings.map(([key, value]) => `${key}: ${yamlScalar(value, style)}`);
  if (flow) return yamlFile(l, 'SparkSubmitOperator', [`      conf: {${pairs.join(', ')}}`]);
  const step = l.indent === '    ' ? '    ' : '  ';
  const lines = pairs.map((pair, index) => `      ${step}${pair}${l.comments && index % 2 === 0 ? '  # réglé' : ''}`);
  return yamlFile(l, 'SparkSubmitOperator', ['      conf:', ...lines]);
}

/** A dag-factory EMR step with a block sequence of `Args`. */
export function yamlArgsFile(settings: Entries, l: Layout, style: string): string {
  const items = ['spark-submit', '--deploy-mode', 'cluster', ...settings.flatMap(([key, value]) => ['--conf', `${key}=${value}`]), 's3://acme-jobs/app.py'];
  return yamlFile(l, 'EmrAddStepsOperator', [
    '      steps:', '        - Name: step', '          HadoopJarStep:', '            Args:',
    ...items.map((item) => `              - ${yamlScalar(item, style)}`),
  ]);
}

/** A dag-factory EMR Serverless task whose `sparkSubmitParameters` is a plain, quoted or folded (`>-`) string. */
export function yamlParametersFile(settings: Entries, l: Layout, style: string): string {
  const words = settings.map(([key, value]) => `--conf ${key}=${value}`);
  const parameters = style === '>-'
    ? ['          sparkSubmitParameters: >-', ...words.map((word) => `            ${word}`)]
    : [`          sparkSubmitParameters: ${yamlScalar(words.join(' '), style)}`];
  return yamlFile(l, 'EmrServerlessStartJobOperator', [
    '      job_driver:', '        sparkSubmit:', '          entryPoint: s3://acme-jobs/app.py', ...parameters,
  ]);
}
