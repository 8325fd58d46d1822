import type { DagDocument, TaskView } from './document.js';
import type { NewEntry } from './edit-syntax.js';
import type { ExtractedSetting } from './types.js';
import type { ConstantReference, DictValue, ListValue, ScalarValue } from './values/value.js';

/**
 * Which occurrence of a key Spark obeys, higher wins: a dedicated argument (`executor_memory=`,
 * `--executor-memory`) beats `--conf k=v` or a conf entry, which beats a properties file, which beats a cluster's
 * spark-defaults. Spaced so that families can add levels in between.
 */
export const PRECEDENCE = {
  clusterDefaults: 5,
  propertiesFile: 7,
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
  /** Shared names read to reach the value: editing it changes every other reader of them. */
  via: ConstantReference[];
  /** Where it is written, for notes: "the executor_memory argument". */
  label: string;
  /** Written in another task (a cluster's spark-defaults): it applies to this task, but is never edited for it. */
  foreign: boolean;
  /** The scalar holding the value (for a `--conf k=v` word, the whole string). */
  scalar: ScalarValue;
  /** The value is part of one command-line word (`--conf k=v`): a new value cannot hold white space. */
  word?: boolean;
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

/** Where a new setting is written; the format's edit syntax writes it in the file's style. */
export type Insertion =
  | { kind: 'entries'; dict: DictValue; entries: NewEntry[] }
  | { kind: 'arguments'; task: TaskView; entries: NewEntry[] }
  | { kind: 'items'; list: ListValue; after: number; items: string[]; perLine: number }
  | { kind: 'words'; scalar: ScalarValue; words: string };

/** How a family adds a key that a task does not set yet. */
export interface Addition {
  insertion: Insertion;
  /** The precedence the new occurrence has. */
  precedence: number;
  /** Shared names holding the container: adding to it changes their other readers too. */
  via: ConstantReference[];
  /** Where it goes, for notes: "a new --conf in the Args of step calculate_pi". */
  label: string;
}

/** An operator argument that carries Spark settings, for `default_args` (which fill in arguments a task lacks). */
export interface SettingArgument {
  /** The key it sets, or null when it holds settings of any key (`conf`, `steps`). */
  key: string | null;
  precedence: number;
}

/** A pattern family (like a Renovate manager): which operators it knows, how it reads and adds their settings. */
export interface DagFamily {
  name: string;
  /** Operator class names it handles (the last part of a dotted name). */
  operators: readonly string[];
  /** Operator arguments that carry settings, by name. */
  settingArguments: Readonly<Record<string, SettingArgument>>;
  extractSettings(task: TaskView, document: DagDocument): TaskSettings;
  /** Where a key the task does not set would be written, or why it cannot be (ends a sentence). */
  addSetting(task: TaskView, document: DagDocument, key: string, value: string): Addition | string;
}
