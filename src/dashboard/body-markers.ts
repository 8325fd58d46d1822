import type { IgnoreEntry } from './ignore-entry.js';

/** The hidden marker that identifies the dashboard issue (with its author, the app). */
export const DASHBOARD_MARKER = '<!-- spark-tuner:dashboard -->';

const IGNORE_LINE = /^\s*[-*] \[( |x|X)\] .*<!-- spark-tuner:ignore (\{.*\}) -->\s*$/;

/** An ignore entry read from the body, and whether a person ticked its box (asking to undo it). */
export interface IgnoreLine {
  entry: IgnoreEntry;
  ticked: boolean;
}

/** The machine-readable part of an ignore line: JSON with `<`, `>`, `-` and `&` escaped so no comment breaks. */
export function ignoreMarker(entry: IgnoreEntry): string {
  const json = JSON.stringify(entry).replace(/[<>&-]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<!-- spark-tuner:ignore ${json} -->`;
}

/** Every ignore line of a dashboard body; lines a person broke are skipped. */
export function readIgnoreLines(body: string | null | undefined): IgnoreLine[] {
  const lines: IgnoreLine[] = [];
  for (const line of (body ?? '').split(/\r?\n/)) {
    const match = IGNORE_LINE.exec(line);
    if (!match?.[2]) continue;
    const entry = parseEntry(match[2]);
    if (entry) lines.push({ entry, ticked: match[1] !== ' ' });
  }
  return lines;
}

/** Replaces the section `name` of a body (between its begin and end markers), or appends it when missing. */
export function replaceSection(body: string, name: string, section: string): string {
  const begin = sectionBegin(name);
  const end = sectionEnd(name);
  const start = body.indexOf(begin);
  const stop = body.indexOf(end, start);
  if (start === -1 || stop === -1) return `${body.replace(/\s+$/, '')}\n\n${wrapSection(name, section)}\n`;
  return `${body.slice(0, start)}${wrapSection(name, section)}${body.slice(stop + end.length)}`;
}

/** The text of the section `name` (between its markers), or null when the body has none. */
export function readSection(body: string, name: string): string | null {
  const begin = sectionBegin(name);
  const start = body.indexOf(begin);
  const stop = body.indexOf(sectionEnd(name), start);
  if (start === -1 || stop === -1) return null;
  return body.slice(start + begin.length, stop).replace(/^\r?\n/, '').replace(/\r?\n$/, '');
}

/** A section between hidden markers, so that it can be replaced alone. */
export function wrapSection(name: string, section: string): string {
  return `${sectionBegin(name)}\n${section}\n${sectionEnd(name)}`;
}

function sectionBegin(name: string): string {
  return `<!-- spark-tuner:section ${name} -->`;
}

function sectionEnd(name: string): string {
  return `<!-- spark-tuner:end ${name} -->`;
}

function parseEntry(json: string): IgnoreEntry | null {
  try {
    const value = JSON.parse(json) as Partial<IgnoreEntry>;
    if (typeof value.target !== 'string' || value.target === '') return null;
    return {
      target: value.target,
      fingerprint: typeof value.fingerprint === 'string' ? value.fingerprint : null,
      summary: typeof value.summary === 'string' ? value.summary : '',
      source: typeof value.source === 'string' ? value.source : '',
    };
  } catch {
    return null;
  }
}
