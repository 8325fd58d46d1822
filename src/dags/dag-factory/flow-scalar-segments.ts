import type { TextSegment } from '../values/value.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * The segments of a plain or quoted YAML scalar (`raw`, as written at `start`): the characters of each line as
 * written, and what YAML makes of the rest (escape sequences, `''`, line breaks folded into a space or kept as
 * `\n` for empty lines) as segments that are not the source. Null when this reading does not give back `value`,
 * the parsed one: then nothing in it is edited.
 */
export function flowScalarSegments(raw: string, start: number, quote: '' | '"' | "'", value: string): TextSegment[] | null {
  const inner = quote ? raw.slice(1, -1) : raw;
  const base = start + (quote ? 1 : 0);
  const lines = splitLines(inner);
  const segments: TextSegment[] = [];
  let fold: string | null = null;
  for (const [index, line] of lines.entries()) {
    const first = index === 0;
    const last = index === lines.length - 1;
    const lead = first ? 0 : line.text.length - line.text.replace(/^[ \t]+/, '').length;
    let end = last ? line.text.length : line.text.replace(/[ \t]+$/, '').length;
    if (!first && !last && lead === line.text.length) {
      fold = fold === null || fold === ' ' ? '\n' : `${fold}\n`;
      continue;
    }
    if (fold !== null) push(segments, fold, null);
    const escapedBreak = quote === '"' && !last && /(^|[^\\])(\\\\)*\\$/.test(line.text.slice(0, end));
    if (escapedBreak) end = line.text.replace(/[ \t]*$/, '').length - 1;
    if (!readLine(segments, line.text.slice(lead, end), base + line.offset + lead, quote)) return null;
    fold = escapedBreak ? '' : ' ';
  }
  const text = segments.map((segment) => segment.text).join('');
  return text === value ? segments : null;
}

function splitLines(text: string): { text: string; offset: number }[] {
  const lines: { text: string; offset: number }[] = [];
  for (let at = 0; ;) {
    const newline = text.indexOf('\n', at);
    const end = newline === -1 ? text.length : newline;
    lines.push({ text: text.slice(at, end).replace(/\r$/, ''), offset: at });
    if (newline === -1) return lines;
    at = newline + 1;
  }
}

/** One line's characters: literal runs, and escapes (`\n`, `''`) as segments that are not the source. */
function readLine(segments: TextSegment[], text: string, start: number, quote: string): boolean {
  let run = 0;
  for (let at = 0; at < text.length;) {
    const escape = quote === '"' && text[at] === '\\' ? escapeAt(text, at) : quote === "'" && text.startsWith("''", at) ? { text: "'", length: 2 } : null;
    if (quote === '"' && text[at] === '\\' && !escape) return false;
    if (!escape) {
      at += 1;
      continue;
    }
    if (at > run) push(segments, text.slice(run, at), start + run);
    push(segments, escape.text, null);
    at += escape.length;
    run = at;
  }
  if (text.length > run) push(segments, text.slice(run), start + run);
  return true;
}

function escapeAt(text: string, at: number): { text: string; length: number } | null {
  const code = text.charAt(at + 1);
  const simple = ESCAPES[code];
  if (simple !== undefined) return { text: simple, length: 2 };
  const digits = HEX_DIGITS[code];
  const hex = digits ? text.slice(at + 2, at + 2 + digits) : '';
  if (!digits || !new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) return null;
  return { text: String.fromCodePoint(Number.parseInt(hex, 16)), length: 2 + digits };
}

function push(segments: TextSegment[], text: string, start: number | null): void {
  if (text === '') return;
  const last = segments.at(-1);
  if (last && start !== null && last.start !== null && last.start + last.text.length === start) last.text += text;
  else if (last && start === null && last.start === null) last.text += text;
  else segments.push({ text, start });
}
