import type { DagDocument, TaskView } from '../document.js';
import type { SettingReader } from './read-settings.js';

/** A reader that collects the settings and problems of one task. */
export function newReader(family: string, task: TaskView, document: DagDocument): SettingReader {
  return { family, task, document, into: { settings: [], problems: [] } };
}
