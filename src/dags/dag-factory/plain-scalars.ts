/**
 * What an unquoted YAML scalar means to PyYAML (YAML 1.1) and to YAML 1.2 readers alike: a string, a plain
 * decimal number, or `other` (booleans like `yes`/`on`, nulls, dates, octal, text that is not valid unquoted).
 */
export function plainScalarKind(text: string): 'string' | 'number' | 'other' {
  if (text === '' || text !== text.trim() || /[\u0000-\u001f\u007f,[\]{}]/.test(text)) return 'other';
  if (/^[#&*!|>'"%@`]/.test(text) || /^[-?:](\s|$)/.test(text)) return 'other';
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':')) return 'other';
  if (/^(y|n|yes|no|on|off|true|false|null|~)$/i.test(text)) return 'other';
  if (/^[-+]?(0|[1-9]\d*)$/.test(text)) return 'number';
  if (/^[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return 'number';
  if (/^[-+]?[\d._:]+([eE][-+]?\d+)?$/.test(text) || /^[-+]?\.(inf|nan)$/i.test(text)) return 'other';
  if (/^\d{4}-\d\d?-\d\d?/.test(text) || /^0[box]/i.test(text)) return 'other';
  return 'string';
}

/** A string written unquoted when `hint` is plain and it still reads as a string, else in quotes. */
export function renderYamlScalar(text: string, hint: string): string {
  if (hint === "'") return `'${text}'`;
  if (hint === '"') return `"${text}"`;
  return plainScalarKind(text) === 'string' ? text : `"${text}"`;
}
