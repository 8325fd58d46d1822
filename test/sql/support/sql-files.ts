import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shipped Athena (Trino) SQL files under `sql/`, read as they are. */
export function readSqlFile(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../sql/${name}`, import.meta.url)), 'utf8');
}

/** Replaces every `${name}` placeholder; throws when the file uses one the caller did not give. */
export function substitute(sql: string, values: Readonly<Record<string, string>>): string {
  return sql.replace(/\$\{(\w+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for \${${name}}.`);
    return value;
  });
}

/** Drops `--` comments (whole-line and trailing), so column lists can be parsed. */
function withoutComments(sql: string): string {
  return sql.split('\n').map((line) => line.replace(/--.*$/, '')).join('\n');
}

export interface DdlColumn {
  name: string;
  type: string;
}

/** The `name type` pairs of a CREATE TABLE's column list, in order (backticks dropped, types lower-cased). */
export function ddlColumns(sql: string): DdlColumn[] {
  const body = /CREATE (?:EXTERNAL )?TABLE[^(]*\(([\s\S]*?)\n\)/i.exec(withoutComments(sql))?.[1];
  if (body === undefined) throw new Error('No column list found.');
  return body.split(',\n').map((entry) => entry.trim()).filter((entry) => entry !== '').map((entry) => {
    const match = /^`?(\w+)`?\s+(.+)$/s.exec(entry);
    if (!match?.[1] || !match[2]) throw new Error(`Cannot read the column definition "${entry}".`);
    return { name: match[1], type: match[2].trim().toLowerCase() };
  });
}
