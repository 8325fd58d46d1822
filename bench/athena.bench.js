// `npm run bench athena`: how fast the Athena source reads a large result (the real AthenaClient against a local
// endpoint speaking AWS JSON 1.1, 1,000-row pages as Athena serves them) and converts it into summaries, and how
// much memory that takes. A fleet-wide sweep of one repository reads at most a few thousand rows; 50,000 is the
// stress case. Measured, never asserted in tests.
import { createServer } from 'node:http';
import { emptySummary } from '../lib/metrics/empty-summary.js';
import { athenaSource } from '../lib/metrics/athena/athena-source.js';
import { athenaType, SUMMARY_COLUMNS } from '../lib/metrics/summary-columns.js';
import { toTableRow } from '../lib/metrics/table-row.js';

const ROWS = 50_000;
const PAGE = 1000;
const START = Date.UTC(2026, 10, 1);

/** One realistic row, every value as Athena's text. */
function rowText(index) {
  const summary = {
    ...emptySummary(`application_1700000000000_${index}`),
    attempt_id: '1', app_name: 'daily_sales.load_orders', spark_version: '3.5.1', status: 'succeeded',
    dag_id: 'daily_sales', task_id: 'load_orders', start_time: START + index * 60_000, end_time: START + index * 60_000 + 1_200_000,
    duration_ms: 1_200_000, executor_memory_mb: 16384, executor_cores: 4, executor_instances: 8, tasks_total: 360,
    spark_conf: { 'spark.executor.memory': '16g', 'spark.executor.cores': '4', 'spark.sql.shuffle.partitions': '200' },
    failure_causes: [], metrics_quality: [], gc_time_ratio: 0.0312, slot_utilization: 0.74,
    executor_peak_jvm_heap_bytes: 5_600_000_000, executor_memory_mb_ms_allocated: 157_286_400_000,
  };
  const row = toTableRow(summary);
  return SUMMARY_COLUMNS.map((column) => {
    const value = row[column.name];
    if (value === null || value === undefined) return {};
    if (column.type === 'timestamp') return { VarCharValue: new Date(value).toISOString().replace('T', ' ').replace('Z', '') };
    return { VarCharValue: String(value) };
  });
}

const template = Array.from({ length: 10 }, (_, index) => rowText(index));
const header = { Data: SUMMARY_COLUMNS.map((column) => ({ VarCharValue: column.name })) };
const columnInfo = SUMMARY_COLUMNS.map((column) => ({ Name: column.name, Label: column.name, Type: athenaType(column.type) }));
let pages = 0;

const server = createServer((req, res) => {
  let text = '';
  req.on('data', (chunk) => (text += chunk));
  req.on('end', () => {
    const body = JSON.parse(text || '{}');
    const target = String(req.headers['x-amz-target']).replace('AmazonAthena.', '');
    let answer = {};
    if (target === 'StartQueryExecution') answer = { QueryExecutionId: 'bench' };
    if (target === 'GetQueryExecution') {
      answer = { QueryExecution: { QueryExecutionId: 'bench', Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 12_345_678 } } };
    }
    if (target === 'GetQueryResults') {
      pages += 1;
      const offset = body.NextToken ? Number(body.NextToken) : 0;
      const count = Math.min(PAGE - (offset === 0 ? 1 : 0), ROWS - offset);
      const rows = Array.from({ length: count }, (_, i) => ({ Data: template[(offset + i) % template.length] }));
      const next = offset + count < ROWS ? String(offset + count) : undefined;
      answer = { ResultSet: { Rows: offset === 0 ? [header, ...rows] : rows, ResultSetMetadata: { ColumnInfo: columnInfo } }, ...(next ? { NextToken: next } : {}) };
    }
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(answer));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
process.env.AWS_ENDPOINT_URL_ATHENA = `http://127.0.0.1:${server.address().port}`;
process.env.AWS_ACCESS_KEY_ID = 'test-access-key-id';
process.env.AWS_SECRET_ACCESS_KEY = 'fake';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const settings = {
  database: 'spark_metrics', table: 'application_summaries', workgroup: 'primary', output_location: null, region: 'us-east-1',
  timeout_ms: 60_000, poll: { first_ms: 1, max_ms: 10 }, retry: { max_attempts: 10, base_ms: 100, max_delay_ms: 20_000 },
};
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const started = performance.now();
const result = await athenaSource(settings).load({ dag_id: 'daily_sales', task_id: null, since: START, until: START + 90 * 86_400_000 });
const ms = performance.now() - started;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
server.close();
const fmt = (value, digits) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(`athena source: ${fmt(result.summaries.length, 0)} rows over ${pages} pages in ${fmt(ms / 1000, 2)} s `
  + `(${fmt(result.summaries.length / (ms / 1000), 0)} rows/s), peak RSS ${fmt(peakRss / 1e6, 0)} MB, ${result.problems.length} problems`);
process.exitCode = result.summaries.length === ROWS ? 0 : 1;
