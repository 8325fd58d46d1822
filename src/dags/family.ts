import type { DagFile } from './dag-file.js';
import type { TaskCall } from './find-tasks.js';
import type { ConstantReference } from './python/resolve.js';
import type { ExtractedSetting } from './types.js';

/** Which occurrence of a key Spark obeys, higher wins; spaced so that families can add levels in between. */
export const PRECEDENCE = {
  confEntry: 10,
  defaultArgs: 15,
  dedicatedArgument: 20,
  /** A problem at this level hides every occurrence of its key. */
  everything: Number.POSITIVE_INFINITY,
} as const;

/** An extracted setting, with what the editor needs to change it safely. */
export interface FoundSetting extends ExtractedSetting {
  /** How the value is written; a number stays a number. */
  literal: 'string' | 'number';
  /** Module constants read to reach the value: editing it changes every other reader of them. */
  via: ConstantReference[];
  /** Where it is written, for notes: "the executor_memory argument". */
  label: string;
}

/** Something in a task that hides the real value of a key (or of every key when `key` is null). */
export interface SettingProblem {
  key: string | null;
  /** Occurrences at this precedence or lower cannot be trusted. */
  precedence: number;
  /** The refusal, one line a user understands. */
  reason: string;
}

/** What a family read from one task. */
export interface TaskSettings {
  settings: FoundSetting[];
  problems: SettingProblem[];
}

/** A pattern family (like a Renovate manager): which operators it knows, how it reads and writes their settings. */
export interface DagFamily {
  name: string;
  /** Operator class names it handles (the last part of a dotted name). */
  operators: readonly string[];
  extractSettings(task: TaskCall, file: DagFile): TaskSettings;
  /** The source with `setting`'s value replaced, or null when the file no longer holds the value there. */
  updateSetting(source: string, setting: FoundSetting, newValue: string): string | null;
}
