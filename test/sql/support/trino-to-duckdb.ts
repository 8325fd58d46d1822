/**
 * The mechanical translation that lets DuckDB run the shipped Athena (Trino) SQL in tests. The Trino files stay the
 * one source of truth; every difference DuckDB needs is listed here (and in README "The data model"), nothing else is
 * rewritten.
 */
export interface Rewrite {
  trino: RegExp;
  duckdb: string;
  why: string;
}

/** Query rewrites: function names and one JSON-path spelling. */
export const QUERY_REWRITES: readonly Rewrite[] = [
  { trino: /\bfrom_unixtime\(/g, duckdb: 'to_timestamp(', why: 'epoch seconds → timestamp with time zone (the session zone is UTC in both)' },
  { trino: /\bregexp_like\(/g, duckdb: 'regexp_matches(', why: 'regex test (Trino: Java regex; DuckDB: RE2 — the patterns used are valid in both)' },
  { trino: /\belement_at\(/g, duckdb: 'list_extract(', why: 'array element by 1-based index (only used on arrays)' },
  { trino: /\bcardinality\(/g, duckdb: 'len(', why: 'array length' },
  { trino: /\bjson_format\(/g, duckdb: 'CAST(', why: 'JSON value → JSON text: `json_format(x)` becomes `CAST(x AS VARCHAR)` (the closing `)` gains ` AS VARCHAR`)' },
];

/** Athena DDL clauses that DuckDB has no use for (storage, partitioning, SerDe) and its Hive spellings. */
export const DDL_REWRITES: readonly Rewrite[] = [
  { trino: /\bCREATE EXTERNAL TABLE\b/gi, duckdb: 'CREATE TABLE', why: 'external tables: the test creates a view over read_json instead' },
  { trino: /\n\)\n(?:PARTITIONED BY|ROW FORMAT|LOCATION|TBLPROPERTIES)[\s\S]*?;/g, duckdb: '\n);', why: 'partitioning, SerDe, location and table properties are Athena storage settings' },
  { trino: /`(\w+)`/g, duckdb: '"$1"', why: 'Hive DDL quotes identifiers with backticks, SQL with double quotes' },
  { trino: /\s(string)(,?)$/gm, duckdb: ' varchar$2', why: 'Athena DDL spells varchar `string`' },
];

/** DuckDB settings that make it behave as Athena does. */
export const DUCKDB_SETTINGS = ["SET TimeZone = 'UTC'"];

/** Applies `rewrites`; `json_format(` needs its closing parenthesis found, so it is rewritten by a small parser. */
export function translateToDuckDb(sql: string, rewrites: readonly Rewrite[] = QUERY_REWRITES): string {
  let text = sql;
  for (const rewrite of rewrites) {
    if (rewrite.duckdb === 'CAST(') {
      text = rewriteJsonFormat(text);
      continue;
    }
    text = text.replace(rewrite.trino, rewrite.duckdb);
  }
  return text;
}

/** `json_format(x)` → `CAST(x AS VARCHAR)`, matching parentheses (string literals in x must not hold parentheses). */
function rewriteJsonFormat(sql: string): string {
  let text = sql;
  for (let start = text.search(/\bjson_format\(/); start >= 0; start = text.search(/\bjson_format\(/)) {
    const open = start + 'json_format'.length;
    let depth = 0;
    let close = -1;
    for (let index = open; index < text.length; index += 1) {
      if (text[index] === '(') depth += 1;
      if (text[index] === ')') depth -= 1;
      if (depth === 0) {
        close = index;
        break;
      }
    }
    if (close < 0) throw new Error('Unbalanced json_format( in SQL.');
    text = `${text.slice(0, start)}CAST(${text.slice(open + 1, close)} AS VARCHAR)${text.slice(close + 1)}`;
  }
  return text;
}
