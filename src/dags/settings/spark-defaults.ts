import { stringText, valueOf, type DictValue, type Value } from '../values/value.js';
import { heldIn, notADict, readPropertiesDict, type Occurrence, type SettingReader } from './read-settings.js';

/**
 * Reads the `spark-defaults` classifications of an EMR configuration list (`Configurations` of a job flow,
 * `applicationConfiguration` of EMR Serverless and EMR on EKS; `Classification`/`Properties` in either case).
 * Returns the last spark-defaults `Properties` dict, where a new key can be added, or null.
 */
export function readSparkDefaults(
  reader: SettingReader, list: Value | null | undefined, what: string, occurrence: Omit<Occurrence, 'label'>,
): DictValue | null {
  if (!list || list.kind === 'null') return null;
  const problem = (reason: string): void => {
    reader.into.problems.push({ key: null, precedence: occurrence.precedence, reason });
  };
  if (list.kind !== 'list') {
    problem(`${what} ${notADict(list, 'list')} (line ${list.line})`);
    return null;
  }
  for (const hidden of list.problems) problem(`${what} ${hidden.reason} (line ${hidden.line})`);
  let properties: DictValue | null = null;
  for (const item of list.items) {
    if (item.kind !== 'dict') {
      problem(`${what} has an item that ${item.kind === 'opaque' ? item.reason : `is a ${item.kind}`} (line ${item.line})`);
      continue;
    }
    const classification = either(item, 'Classification', 'classification');
    const name = stringText(classification);
    if (name === null) {
      if (classification) problem(`${what} has a classification that cannot be read (line ${classification.line})`);
      continue;
    }
    if (name !== 'spark-defaults') continue;
    const props = either(item, 'Properties', 'properties');
    const label = `the spark-defaults of ${what}${props ? heldIn(props) : ''}`;
    readPropertiesDict(reader, props, `the spark-defaults in ${what}`, { ...occurrence, label });
    if (props?.kind === 'dict') properties = props;
  }
  return properties;
}

/** The value of a key written in either case (`Properties` or `properties`). */
export function either(dict: DictValue, upper: string, lower: string): Value | null {
  return valueOf(dict, upper) ?? valueOf(dict, lower);
}
