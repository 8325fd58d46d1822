import { describe, expect, it } from 'vitest';
import { codeBlock, codeSpan, escapeBlock, escapeInline, escapeNarrative } from '../../src/narrate/markdown.js';

describe('escapeInline', () => {
  it('turns HTML into text', () => {
    expect(escapeInline("<script>alert('XSS')</script>")).toBe("&lt;script&gt;alert('XSS')&lt;/script&gt;");
  });

  it('keeps table cells, links, emphasis and mentions from forming', () => {
    expect(escapeInline('a|b [x](http://e) *b* ~~s~~ `c`')).toBe('a\\|b \\[x\\](http://e) \\*b\\* \\~\\~s\\~\\~ \\`c\\`');
    expect(escapeInline('ping @octocat and @org/team')).toBe('ping @&#8203;octocat and @&#8203;org/team');
    expect(escapeInline('line one\nline two')).toBe('line one line two');
  });

  it('leaves snake_case ids readable but escapes underscores that could start emphasis', () => {
    expect(escapeInline('daily_sales.load_orders')).toBe('daily_sales.load_orders');
    expect(escapeInline('_private_ name')).toBe('\\_private\\_ name');
  });

  it('renders numbers', () => {
    expect(escapeInline(42)).toBe('42');
  });
});

describe('escapeBlock', () => {
  it('keeps paragraphs and bullets and neutralizes headings and ordered lists', () => {
    expect(escapeBlock('Intro <b>\n\n- item *one*\n# not a heading\n1. not a list\n---')).toBe(
      'Intro &lt;b&gt;\n\n- item \\*one\\*\n\\# not a heading\n1\\. not a list\n\\---',
    );
  });
});

describe('codeSpan and codeBlock', () => {
  it('fences longer than any backtick run inside', () => {
    expect(codeSpan('spark.executor.memory')).toBe('`spark.executor.memory`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x')).toBe('`` `x ``');
    expect(codeSpan('a|b')).toBe('`a\\|b`');
    expect(codeBlock('x\n````\ny')).toBe('`````\nx\n````\ny\n`````');
    expect(codeBlock('graph', 'mermaid')).toBe('```mermaid\ngraph\n```');
  });
});

describe('escapeNarrative', () => {
  it('keeps code spans and strict tables, and escapes everything else', () => {
    const text = [
      'Set `spark.executor.memory` from `16g` to `8g` <b>now</b> @team.',
      '| Setting | Value |',
      '|---|:---:|',
      '| `spark.executor.cores` | 4 <script> |',
      '# not a heading',
    ].join('\n');
    expect(escapeNarrative(text)).toBe(
      [
        'Set `spark.executor.memory` from `16g` to `8g` &lt;b&gt;now&lt;/b&gt; @&#8203;team.',
        '| Setting | Value |',
        '| --- | --- |',
        '| `spark.executor.cores` | 4 &lt;script&gt; |',
        '\\# not a heading',
      ].join('\n'),
    );
  });

  it('never lets a code span carry a line break or close early', () => {
    expect(escapeNarrative('a ``` b')).toBe('a \\`\\`\\` b');
  });
});
