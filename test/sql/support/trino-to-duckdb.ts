/**
 * The mechanical translation that lets DuckDB run the shipped Athena (Trino) SQL in tests. The Trino files stay the
 * one source of truth; every difference DuckDB needs is listed here (and in README "The data model (Athena/Iceberg)"),
 * nothing else is rewritten.
 */
export interface Rewrite {
  trino: RegExp;
  duckdb: string;
  why: string;
}

/** Query rewrites: Trino names that DuckDB has with another meaning. */
export const QUERY_REWRITES: readonly Rewrite[] = [
  { trino: /\belement_at\(/g, duckdb: 'list_extract(', why: 'array element by 1-based index (DuckDB\'s element_at is for maps)' },
  { trino: /\bcardinality\(/g, duckdb: 'len(', why: 'array length (DuckDB\'s cardinality is for maps)' },
];

/** Trino functions DuckDB lacks, defined as DuckDB macros before the statements run. */
export const DUCKDB_PRELUDE: readonly string[] = [
  // epoch seconds → timestamp with time zone (the session zone is UTC in both)
  'CREATE MACRO from_unixtime(seconds) AS to_timestamp(seconds)',
  // regex search (Trino: Java regex; DuckDB: RE2 — the patterns used are valid in both)
  'CREATE MACRO regexp_like(text, pattern) AS regexp_matches(text, pattern)',
  // JSON value → JSON text
  'CREATE MACRO json_format(value) AS CAST(value AS VARCHAR)',
  // (key, value) rows → map
  "CREATE MACRO map_agg(k, v) AS map_from_entries(list({'key': k, 'value': v}))",
];

/** Athena DDL clauses that DuckDB has no use for (storage, partitioning, SerDe) and its Hive spellings. */
export const DDL_REWRITES: readonly Rewrite[] = [
  { trino: /\bCREATE EXTERNAL TABLE\b/gi, duckdb: 'CREATE TABLE', why: 'external tables: the test creates a view over read_json instead' },
  { trino: /\n\)\n(?:PARTITIONED BY|ROW FORMAT|LOCATION|TBLPROPERTIES)[\s\S]*?;/g, duckdb: '\n);', why: 'partitioning, SerDe, location and table properties are Athena storage settings' },
  { trino: /`(\w+)`/g, duckdb: '"$1"', why: 'Hive DDL quotes identifiers with backticks, SQL with double quotes' },
  { trino: /\bmap<string,\s*string>/g, duckdb: 'MAP(VARCHAR, VARCHAR)', why: 'Hive DDL spells map types map<k,v>' },
  { trino: /\s(string)(,?)$/gm, duckdb: ' varchar$2', why: 'Athena DDL spells varchar `string`' },
];

/** DuckDB settings that make it behave as Athena does. */
export const DUCKDB_SETTINGS = ["SET TimeZone = 'UTC'"];

export function translateToDuckDb(sql: string, rewrites: readonly Rewrite[] = QUERY_REWRITES): string {
  let text = sql;
  for (const rewrite of rewrites) text = text.replace(rewrite.trino, rewrite.duckdb);
  return text;
}
