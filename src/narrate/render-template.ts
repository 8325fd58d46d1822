import { readFileSync } from 'node:fs';
import Mustache from 'mustache';
import { templatePath } from '../paths.js';
import { escapeInline } from './markdown.js';

const cache = new Map<string, string>();

/** Renders `templates/<name>` with Mustache; `{{x}}` escapes data for Markdown, `{{{x}}}` inserts safe Markdown. */
export function renderTemplate(name: string, view: Record<string, unknown>): string {
  let template = cache.get(name);
  if (template === undefined) {
    template = readFileSync(templatePath(name), 'utf8');
    cache.set(name, template);
  }
  return Mustache.render(template, view, {}, { escape: escapeInline });
}
