import { PRECEDENCE, type Addition } from '../family.js';
import { stringText, valueOf, type DictValue, type ListValue, type Value } from '../values/value.js';
import { heldIn, notADict, type SettingReader } from './read-settings.js';
import { readSubmitWords, type SubmitLayout } from './spark-submit-args.js';
import { wordsOfList, type Word } from './words.js';

/** The one step of a task that runs spark-submit, with where new options go. */
export interface SparkStep {
  args: ListValue;
  words: Word[];
  layout: SubmitLayout;
  where: string;
}

/**
 * Reads the EMR steps (`[{"Name": …, "HadoopJarStep": {"Args": ["spark-submit", …]}}]`) of a task. A step runs
 * Spark when its first argument is spark-submit; a task with several such steps is refused, since its runs
 * cannot be told apart. Returns the Spark step, or null.
 */
export function readSparkSteps(reader: SettingReader, steps: Value | null | undefined, what: string): SparkStep | null {
  if (!steps || steps.kind === 'null') return null;
  const everything = (reason: string): null => {
    reader.into.problems.push({ key: null, precedence: PRECEDENCE.everything, reason });
    return null;
  };
  const unsafe = ', so its settings cannot be read safely';
  if (steps.kind !== 'list') {
    return everything(`${what} ${notADict(steps, 'list')} (line ${steps.line})`);
  }
  for (const hidden of steps.problems) everything(`${what} ${hidden.reason} (line ${hidden.line})${unsafe}`);
  const spark: { step: DictValue; args: ListValue; name: string }[] = [];
  for (const step of steps.items) {
    if (step.kind !== 'dict') return everything(`a step of ${what} ${describe(step)} (line ${step.line})${unsafe}`);
    const name = stringText(valueOf(step, 'Name')) ?? `at line ${step.line}`;
    const jar = valueOf(step, 'HadoopJarStep');
    const args = jar?.kind === 'dict' ? valueOf(jar, 'Args') : jar;
    if (!args || args.kind !== 'list') {
      const culprit = args ?? step;
      const part = jar?.kind === 'dict' ? 'Args' : 'HadoopJarStep';
      return everything(`the ${part} of step ${name} ${describe(culprit)} (line ${culprit.line})${unsafe}`);
    }
    const hidden = args.problems[0];
    if (hidden) return everything(`the Args of step ${name} ${hidden.reason} (line ${hidden.line})${unsafe}`);
    if (isSparkSubmit(args.items[0])) spark.push({ step, args, name });
  }
  const [only, second] = spark;
  if (second) {
    const lines = spark.map((entry) => entry.step.line).join(', ');
    return everything(`${what} include ${spark.length} spark-submit steps (lines ${lines}), whose runs cannot be told apart; `
      + 'give each its own task');
  }
  if (!only) return null;
  const where = `the Args of step ${only.name}${heldIn(only.args)}`;
  const words = wordsOfList(only.args.items);
  const layout = readSubmitWords(reader, { words, from: 1, where, hasApplication: true });
  return { args: only.args, words, layout, where };
}

/** A new `"--conf", "k=v"` pair after the step's last option, laid out like its last `--conf`. */
export function addToStep(step: SparkStep, key: string, value: string): Addition | string {
  if (/\s/.test(value)) return 'the new value contains white space, which cannot be one spark-submit argument';
  const { lastConf, lastOption } = step.layout;
  const pairStart = lastConf >= 0 ? lastConf : lastOption - 1;
  const option = step.words[pairStart];
  const pairOnOneLine = pairStart > 0 && option !== undefined && option.line === step.words[pairStart + 1]?.line;
  const items = ['--conf', `${key}=${value}`];
  const insertion = { kind: 'items' as const, list: step.args, after: lastOption, items, perLine: pairOnOneLine ? 2 : 1 };
  return { insertion, precedence: PRECEDENCE.confEntry, via: step.args.via, label: `--conf in ${step.where}` };
}

function describe(value: Value): string {
  if (value.kind === 'opaque') return value.reason;
  return value.kind === 'dict' || value.kind === 'list' ? `is a ${value.kind} without Args` : `is ${value.text}, not a step`;
}

function isSparkSubmit(value: Value | undefined): boolean {
  const text = value ? stringText(value) : null;
  return text !== null && /(^|\/)spark-submit$/.test(text);
}
