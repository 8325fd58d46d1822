import { PRECEDENCE } from '../family.js';
import { isTemplate } from '../values/editable-text.js';
import { pushSetting, type SettingReader } from './read-settings.js';
import type { Word } from './words.js';

/** spark-submit options that set one Spark property each; they win over `--conf`. */
export const SUBMIT_FLAGS: Readonly<Record<string, string>> = {
  '--executor-memory': 'spark.executor.memory',
  '--executor-cores': 'spark.executor.cores',
  '--num-executors': 'spark.executor.instances',
  '--driver-memory': 'spark.driver.memory',
  '--driver-cores': 'spark.driver.cores',
  '--total-executor-cores': 'spark.cores.max',
};

const VALUE_OPTIONS = new Set([
  '--conf', '-c', '--master', '--deploy-mode', '--class', '--name', '--jars', '--packages', '--exclude-packages',
  '--repositories', '--py-files', '--files', '--archives', '--properties-file', '--driver-java-options',
  '--driver-library-path', '--driver-class-path', '--principal', '--keytab', '--proxy-user', '--queue', '--kill', '--status',
]);
/** The Spark property each other option sets: its value being computed hides only that one. */
const OPTION_KEYS: Readonly<Record<string, string>> = {
  '--master': 'spark.master', '--deploy-mode': 'spark.submit.deployMode', '--name': 'spark.app.name', '--class': 'spark.app.mainClass',
  '--jars': 'spark.jars', '--packages': 'spark.jars.packages', '--exclude-packages': 'spark.jars.excludes',
  '--repositories': 'spark.jars.repositories', '--py-files': 'spark.submit.pyFiles', '--files': 'spark.files',
  '--archives': 'spark.archives', '--driver-java-options': 'spark.driver.extraJavaOptions',
  '--driver-library-path': 'spark.driver.extraLibraryPath', '--driver-class-path': 'spark.driver.extraClassPath',
  '--principal': 'spark.kerberos.principal', '--keytab': 'spark.kerberos.keytab', '--proxy-user': 'spark.proxyUser',
  '--queue': 'spark.yarn.queue',
};
const SWITCHES = new Set(['--verbose', '-v', '--supervise', '--help', '-h', '--version', '--usage-error']);

/** Where the words are, for problems and labels: "the Args of step calculate_pi". */
export interface SubmitWords {
  words: Word[];
  /** Index of the first option word (after `spark-submit`). */
  from: number;
  where: string;
  /** True for a full command line, where the first word that is not an option is the application. */
  hasApplication: boolean;
  owner?: string;
}

/** Where new options go: after the last option word; how the last `--conf` is laid out. */
export interface SubmitLayout {
  lastOption: number;
  lastConf: number;
}

/**
 * Reads spark-submit options as Spark settings: `--conf k=v` (also `--conf=k=v`, `-c`) and the dedicated flags,
 * which win. Words after the application are its own arguments and never read. An option spark-tuner does not
 * know, or a word it cannot read where an option could be, hides every setting after it.
 */
export function readSubmitWords(reader: SettingReader, input: SubmitWords): SubmitLayout {
  const { words, where } = input;
  const layout: SubmitLayout = { lastOption: input.from - 1, lastConf: -1 };
  const stop = (reason: string): SubmitLayout => {
    const problem = { key: null, precedence: PRECEDENCE.everything, reason: `${where} ${reason}, so its settings cannot be read safely` };
    reader.into.problems.push(problem);
    return layout;
  };
  for (let index = input.from; index < words.length;) {
    const word = words[index];
    if (!word) break;
    if (word.text === null) {
      if (input.hasApplication && word.prefix && !word.prefix.startsWith('-')) break;
      return stop(`has an argument that ${word.reason} (line ${word.line}) where spark-submit options are read`);
    }
    if (!word.text.startsWith('-')) {
      if (input.hasApplication) break;
      return stop(`has the word ${word.text} (line ${word.line}), which is not a spark-submit option`);
    }
    const equals = word.text.startsWith('--') ? word.text.indexOf('=') : -1;
    const name = equals === -1 ? word.text : word.text.slice(0, equals);
    if (SWITCHES.has(name)) {
      layout.lastOption = index;
      index += 1;
      continue;
    }
    if (!VALUE_OPTIONS.has(name) && !(name in SUBMIT_FLAGS)) {
      return stop(`has the option ${name} (line ${word.line}), which spark-tuner does not know`);
    }
    const valueWord = equals === -1 ? words[index + 1] : word;
    if (!valueWord) return stop(`ends with ${name} and no value (line ${word.line})`);
    if (valueWord.text === null) {
      const key = name in SUBMIT_FLAGS ? SUBMIT_FLAGS[name] : OPTION_KEYS[name];
      if (name === '--conf' || name === '-c' || name === '--properties-file' || key === undefined) {
        return stop(`has a ${name} whose value ${valueWord.reason} (line ${valueWord.line})`);
      }
      const reason = `the ${name} of ${where} ${valueWord.reason} (line ${valueWord.line}), so ${key} cannot be read safely`;
      reader.into.problems.push({ key, precedence: PRECEDENCE.dedicatedArgument, reason });
      layout.lastOption = equals === -1 ? index + 1 : index;
      index = layout.lastOption + 1;
      continue;
    }
    readOption(reader, input, name, valueWord, equals + 1);
    if (name === '--conf' || name === '-c') layout.lastConf = index;
    layout.lastOption = equals === -1 ? index + 1 : index;
    index = layout.lastOption + 1;
  }
  return layout;
}

function readOption(reader: SettingReader, input: SubmitWords, name: string, word: Word, offset: number): void {
  const text = (word.text ?? '').slice(offset);
  const conf = name === '--conf' || name === '-c';
  if (name === '--properties-file') {
    const reason = `${input.where} reads the properties file ${text} (line ${word.line}), which replaces the cluster's spark-defaults`;
    reader.into.problems.push({ key: null, precedence: PRECEDENCE.clusterDefaults, reason });
    return;
  }
  const flagKey = SUBMIT_FLAGS[name];
  if (!conf && !flagKey) return;
  const equals = conf ? text.indexOf('=') : -1;
  const key = conf ? text.slice(0, Math.max(equals, 0)) : (flagKey ?? '');
  const precedence = conf ? PRECEDENCE.confEntry : PRECEDENCE.dedicatedArgument;
  if (conf && (equals <= 0 || isTemplate(key))) {
    const reason = `${input.where} has a --conf whose key cannot be read (${text}, line ${word.line})`;
    reader.into.problems.push({ key: null, precedence, reason });
    return;
  }
  const valueStart = offset + (conf ? equals + 1 : 0);
  const value = (word.text ?? '').slice(valueStart);
  const taskId = reader.task.task_id ?? '';
  const editable = word.slice(valueStart, valueStart + value.length);
  if (isTemplate(value) || !editable || !word.scalar) {
    const segments = word.scalar?.segments ?? [];
    const split = segments.length > 1 && segments.every((segment) => segment.start !== null);
    const block = word.scalar && /^[|>]/.test(word.scalar.quote) ? 'is in a multi-line YAML block'
      : split ? 'is split over several string literals (or quoted)' : 'is quoted or escaped';
    const template = 'is an Airflow template ({{ … }}), rendered only at run time';
    const why = isTemplate(value) ? template : `${block}, so it cannot be edited in place`;
    const reason = `the value of ${key} for task ${taskId} (${name} in ${input.where}) ${why} (line ${word.line})`;
    reader.into.problems.push({ key, precedence, reason });
    return;
  }
  const label = `its ${conf ? '--conf' : name} in ${input.where}`;
  const owner = input.owner ? { owner: input.owner } : {};
  pushSetting(reader, key, editable, word.scalar, { precedence, label, word: true, ...owner });
}
