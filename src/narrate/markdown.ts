/**
 * Escaping for text that comes from data (application names, error messages, model output) on its way
 * into a GitHub Markdown body: it must render as the same text, never as HTML, a link, a table cell
 * break, emphasis, a heading or an @mention.
 */
const INLINE: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\\': '\\\\',
  '`': '\\`',
  '*': '\\*',
  '[': '\\[',
  ']': '\\]',
  '|': '\\|',
  '~': '\\~',
};

/** One line of text that renders literally inside a paragraph or a table cell. */
export function escapeInline(value: unknown): string {
  const text = String(value ?? '').replace(/\r?\n|\r/g, ' ');
  return text
    .replace(/[&<>\\`*[\]|~]/g, (char) => INLINE[char] ?? char)
    .replace(/(^|[^A-Za-z0-9])_|_(?=$|[^A-Za-z0-9])/g, (match) => match.replace('_', '\\_'))
    .replace(/@(?=[A-Za-z0-9])/g, '@&#8203;');
}

/** Plain text of several lines: paragraphs and `- ` bullets are kept, everything else renders literally. */
export function escapeBlock(value: string): string {
  return value
    .split(/\r?\n/)
    .map((line) => {
      const bullet = /^(\s*)- (.*)$/.exec(line);
      if (bullet) return `${bullet[1]}- ${escapeLineStart(escapeInline(bullet[2]))}`;
      return escapeLineStart(escapeInline(line.trimStart()));
    })
    .join('\n');
}

/**
 * A narrative section (plain text from our renderer or from a model) as safe Markdown: like `escapeBlock`, except
 * that `code spans` stay code spans and strict table rows (`| a | b |`) stay tables, with every cell escaped.
 */
export function escapeNarrative(value: string): string {
  return value
    .split(/\r?\n/)
    .map((line) => {
      if (/^\s*\|.*\|\s*$/.test(line)) return tableRow(line);
      const bullet = /^(\s*)- (.*)$/.exec(line);
      if (bullet) return `${bullet[1]}- ${escapeLineStart(inlineWithCode(bullet[2] ?? ''))}`;
      return escapeLineStart(inlineWithCode(line.trimStart()));
    })
    .join('\n');
}

function inlineWithCode(text: string): string {
  return text
    .split(/`([^`\r\n]+)`/)
    .map((part, index) => (index % 2 === 1 ? codeSpan(part) : escapeInline(part)))
    .join('');
}

function tableRow(line: string): string {
  const cells = line.trim().slice(1, -1).split(/(?<!\\)\|/);
  if (cells.every((cell) => /^\s*:?-{3,}:?\s*$/.test(cell))) return `|${cells.map(() => ' --- ').join('|')}|`;
  return `| ${cells.map((cell) => inlineWithCode(cell.trim())).join(' | ')} |`;
}

/** An inline code span that holds any text, e.g. a Spark key or value; pipes are escaped for tables. */
export function codeSpan(value: unknown): string {
  const text = String(value ?? '').replace(/\r?\n|\r/g, ' ');
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** A fenced code block that no line of `text` can close early. */
export function codeBlock(text: string, language = ''): string {
  const longestRun = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/** Markdown that would change meaning at the start of a line (headings, rules, lists). */
function escapeLineStart(line: string): string {
  const ordered = /^(\d+)([.)] .*)$/.exec(line);
  if (ordered) return `${ordered[1]}\\${ordered[2]}`;
  if (/^(#|=+\s*$|-{3,}\s*$|\+ )/.test(line)) return `\\${line}`;
  return line;
}
